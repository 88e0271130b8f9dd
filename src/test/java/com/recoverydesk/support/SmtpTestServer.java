package com.recoverydesk.support;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Address;
import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real SMTP server for the tests: GreenMail inside the test JVM on a free port, behind a small TCP
 * proxy of our own that can refuse a connection or drop one in the middle of a mail. The service is
 * pointed at the proxy; the tests read what GreenMail received.
 *
 * <p>Started on first use, once per JVM. Quarkus loads test classes again for each test profile, so the
 * server lives in {@link Jvm}, loaded through the JVM's application class loader whatever loaded this
 * class, and is reached by reflection with JDK types only.
 */
public final class SmtpTestServer {

    /** A mail as GreenMail received it. */
    public record Received(List<String> to, String from, String subject, String text, String html, String messageId) {}

    private static final java.util.regex.Pattern CODE = java.util.regex.Pattern.compile("\\b(\\d{6})\\b");

    private SmtpTestServer() {
    }

    /** The port the service sends to (the proxy's). */
    public static int port() {
        return (Integer) call("port");
    }

    /** Every mail received for the address so far, oldest first. */
    @SuppressWarnings("unchecked")
    public static List<Received> mailsTo(String address) {
        List<Map<String, Object>> mails = (List<Map<String, Object>>) call("mailsTo", address);
        return mails.stream().map(m -> new Received((List<String>) m.get("to"), (String) m.get("from"), (String) m.get("subject"),
                (String) m.get("text"), (String) m.get("html"), (String) m.get("messageId"))).toList();
    }

    /** The 6-digit access code of the first code mail to the address, waiting for it. */
    public static String mailedCode(String address) {
        return Eventually.find("the access code sent to " + address, java.time.Duration.ofSeconds(20), () -> mailsTo(address).stream()
                .map(Received::subject).map(CODE::matcher).filter(java.util.regex.Matcher::find).map(m -> m.group(1)).findFirst());
    }

    /** The next {@code count} connections are reset as soon as they are accepted, before the server's greeting. */
    public static void refuseNextConnections(int count) {
        call("arm", "refuse", count);
    }

    /** The next {@code count} mails lose their connection after DATA, when part of the message went through. */
    public static void dropNextMailsDuringData(int count) {
        call("arm", "drop-in-data", count);
    }

    /** How many refusals and drops happened so far. */
    public static int faultsInjected() {
        return (Integer) call("faultsInjected");
    }

    private static Object call(String method, Object... arguments) {
        try {
            Class<?> jvm = Class.forName(Jvm.class.getName(), true, ClassLoader.getSystemClassLoader());
            for (java.lang.reflect.Method candidate : jvm.getDeclaredMethods()) {
                if (candidate.getName().equals(method) && candidate.getParameterCount() == arguments.length) {
                    return candidate.invoke(null, arguments);
                }
            }
            throw new IllegalStateException("no method " + method);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("The SMTP test server failed", e);
        }
    }

    /** The one server of the JVM. Its methods take and give JDK types only: callers may come from another class loader. */
    public static final class Jvm {

        private static GreenMail greenMail;
        private static FaultProxy proxy;

        private Jvm() {
        }

        private static synchronized void ensureStarted() {
            if (greenMail == null) {
                // jakarta.mail finds its provider through the context class loader: it must be this one,
                // for the server's threads (which inherit it) as for the callers' parsing below
                Thread thread = Thread.currentThread();
                ClassLoader caller = thread.getContextClassLoader();
                thread.setContextClassLoader(Jvm.class.getClassLoader());
                try {
                    greenMail = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
                    greenMail.start();
                    proxy = new FaultProxy(greenMail.getSmtp().getPort());
                } finally {
                    thread.setContextClassLoader(caller);
                }
                GreenMail started = greenMail;
                FaultProxy startedProxy = proxy;
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    startedProxy.close();
                    started.stop();
                }, "smtp-test-server-stop"));
            }
        }

        public static Integer port() {
            ensureStarted();
            return proxy.port();
        }

        public static List<Map<String, Object>> mailsTo(String address) {
            ensureStarted();
            Thread thread = Thread.currentThread();
            ClassLoader caller = thread.getContextClassLoader();
            thread.setContextClassLoader(Jvm.class.getClassLoader());
            try {
                return received(greenMail, address);
            } finally {
                thread.setContextClassLoader(caller);
            }
        }

        public static void arm(String fault, int count) {
            ensureStarted();
            proxy.arm(fault, count);
        }

        public static Integer faultsInjected() {
            ensureStarted();
            return proxy.injected.get();
        }
    }

    private static List<Map<String, Object>> received(GreenMail greenMail, String address) {
        List<Map<String, Object>> mails = new ArrayList<>();
        try {
            for (MimeMessage message : greenMail.getReceivedMessages()) {
                List<String> to = new ArrayList<>();
                for (Address recipient : message.getAllRecipients()) {
                    to.add(recipient.toString());
                }
                if (to.stream().noneMatch(recipient -> recipient.equalsIgnoreCase(address))) {
                    continue;
                }
                Map<String, Object> mail = new HashMap<>();
                mail.put("to", List.copyOf(to));
                mail.put("from", message.getFrom()[0].toString());
                mail.put("subject", message.getSubject());
                mail.put("text", part(message, "text/plain"));
                mail.put("html", part(message, "text/html"));
                mail.put("messageId", message.getHeader("Message-ID", null));
                mails.add(mail);
            }
        } catch (MessagingException | IOException e) {
            throw new IllegalStateException("Reading GreenMail's inbox failed", e);
        }
        return mails;
    }

    /** The first part of this media type, however the mail nests its alternatives. */
    private static String part(Part part, String type) throws MessagingException, IOException {
        if (part.isMimeType(type)) {
            return String.valueOf(part.getContent());
        }
        if (part.isMimeType("multipart/*")) {
            Multipart multipart = (Multipart) part.getContent();
            for (int i = 0; i < multipart.getCount(); i++) {
                BodyPart body = multipart.getBodyPart(i);
                String found = part(body, type);
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }

    /** Forwards SMTP connections to GreenMail, injecting the faults it is armed with. */
    private static final class FaultProxy {

        private static final String DATA = "\nDATA\r\n";
        private static final String END_OF_DATA = "\r\n.\r\n";

        private final int upstreamPort;
        private final ServerSocket server;
        private final AtomicInteger refuse = new AtomicInteger();
        private final AtomicInteger dropInData = new AtomicInteger();
        final AtomicInteger injected = new AtomicInteger();
        private final Set<Socket> open = ConcurrentHashMap.newKeySet();

        FaultProxy(int upstreamPort) {
            this.upstreamPort = upstreamPort;
            try {
                server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            daemon("smtp-proxy-accept", this::acceptLoop);
        }

        int port() {
            return server.getLocalPort();
        }

        void arm(String fault, int count) {
            if (fault.equals("refuse")) {
                refuse.set(count);
                // a connection the mailer keeps in its pool would never meet the refusal: close them
                open.forEach(FaultProxy::reset);
            } else {
                dropInData.set(count);
            }
        }

        private void acceptLoop() {
            while (!server.isClosed()) {
                try {
                    Socket client = server.accept();
                    if (takeOne(refuse)) {
                        injected.incrementAndGet();
                        reset(client);
                        continue;
                    }
                    Socket upstream = new Socket(InetAddress.getLoopbackAddress(), upstreamPort);
                    open.add(client);
                    open.add(upstream);
                    daemon("smtp-proxy-down", () -> pump(upstream, client, false));
                    daemon("smtp-proxy-up", () -> pump(client, upstream, true));
                } catch (IOException e) {
                    if (server.isClosed()) {
                        return;
                    }
                }
            }
        }

        /** Copies one direction; on the client's side it watches for DATA to drop the mail when armed. */
        private void pump(Socket from, Socket to, boolean clientToServer) {
            byte[] buffer = new byte[8192];
            StringBuilder recent = new StringBuilder("\n");
            boolean inData = false;
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                for (int n; (n = in.read(buffer)) >= 0; ) {
                    if (clientToServer && inData && takeOne(dropInData)) {
                        // half of the message's first bytes go through, then the line goes dead
                        out.write(buffer, 0, Math.max(1, n / 2));
                        out.flush();
                        injected.incrementAndGet();
                        reset(from);
                        reset(to);
                        return;
                    }
                    out.write(buffer, 0, n);
                    out.flush();
                    if (clientToServer) {
                        // where the conversation is: between DATA and the dot that ends the message, or outside
                        for (int i = 0; i < n; i++) {
                            recent.append((char) (buffer[i] & 0xff));
                            if (recent.length() > DATA.length()) {
                                recent.deleteCharAt(0);
                            }
                            String tail = recent.toString();
                            if (!inData && tail.endsWith(DATA)) {
                                inData = true;
                            } else if (inData && tail.endsWith(END_OF_DATA)) {
                                inData = false;
                            }
                        }
                    }
                }
            } catch (IOException closed) {
                // one side went away: so does the other
            } finally {
                close(from);
                close(to);
            }
        }

        private static boolean takeOne(AtomicInteger counter) {
            return counter.getAndUpdate(n -> n > 0 ? n - 1 : 0) > 0;
        }

        private void close(Socket socket) {
            open.remove(socket);
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing
            }
        }

        /** Closes with a TCP reset, as a server that refuses or a broken line does. */
        private static void reset(Socket socket) {
            try {
                socket.setSoLinger(true, 0);
                socket.close();
            } catch (IOException ignored) {
                // already gone
            }
        }

        void close() {
            try {
                server.close();
            } catch (IOException ignored) {
                // the JVM is exiting
            }
        }

        private static void daemon(String name, Runnable task) {
            Thread thread = new Thread(task, name);
            thread.setDaemon(true);
            thread.start();
        }
    }
}
