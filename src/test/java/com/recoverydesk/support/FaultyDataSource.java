package com.recoverydesk.support;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiPredicate;
import javax.sql.DataSource;

/**
 * A data source that injects faults: prepared statements whose SQL (and bound parameters) match a rule
 * fail when executed, as a dropped connection (SQL state 08006), a permanent error (23514), or an update
 * that finds no row (as if another process had changed it). Everything else reaches the real database.
 */
public final class FaultyDataSource {

    public enum Fault { CONNECTION_LOST, PERMANENT, NO_ROW_CHANGED }

    /** One rule: statements it matches fail the given number of times (Integer.MAX_VALUE: always). */
    public static final class Rule {
        final BiPredicate<String, List<Object>> matches;
        final Fault fault;
        final AtomicInteger remaining;
        final AtomicInteger fired = new AtomicInteger();

        Rule(BiPredicate<String, List<Object>> matches, Fault fault, int times) {
            this.matches = matches;
            this.fault = fault;
            this.remaining = new AtomicInteger(times);
        }

        /** How many statements this rule failed so far. */
        public int fired() {
            return fired.get();
        }
    }

    private final DataSource real;
    private final List<Rule> rules = new CopyOnWriteArrayList<>();

    public FaultyDataSource(DataSource real) {
        this.real = real;
    }

    public DataSource dataSource() {
        return (DataSource) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {DataSource.class}, (proxy, method, args) -> {
            Object result = invoke(real, method, args);
            return method.getName().equals("getConnection") ? connection((Connection) result) : result;
        });
    }

    /** Fails the next {@code times} executions of statements whose SQL contains {@code sqlFragment}. */
    public Rule fail(String sqlFragment, Fault fault, int times) {
        return fail((sql, params) -> sql.contains(sqlFragment), fault, times);
    }

    public Rule fail(BiPredicate<String, List<Object>> matches, Fault fault, int times) {
        Rule rule = new Rule(matches, fault, times);
        rules.add(rule);
        return rule;
    }

    public void clear() {
        rules.clear();
    }

    private Connection connection(Connection connection) {
        return (Connection) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Connection.class}, (proxy, method, args) -> {
            Object result = invoke(connection, method, args);
            if (method.getName().equals("prepareStatement") && args != null && args[0] instanceof String sql) {
                return statement((PreparedStatement) result, sql);
            }
            return result;
        });
    }

    private PreparedStatement statement(PreparedStatement statement, String sql) {
        Map<Integer, Object> params = new TreeMap<>();
        InvocationHandler handler = (proxy, method, args) -> {
            String name = method.getName();
            if (name.startsWith("set") && args != null && args.length >= 2 && args[0] instanceof Integer index) {
                params.put(index, args[1]);
            }
            if (name.startsWith("execute") && (args == null || args.length == 0)) {
                Rule rule = matching(sql, new ArrayList<>(params.values()));
                if (rule != null) {
                    switch (rule.fault) {
                        case CONNECTION_LOST -> throw new SQLTransientConnectionException("injected: connection lost", "08006");
                        case PERMANENT -> throw new SQLException("injected: check constraint violated", "23514");
                        case NO_ROW_CHANGED -> {
                            if (name.equals("executeUpdate")) return 0;
                        }
                    }
                }
            }
            return invoke(statement, method, args);
        };
        return (PreparedStatement) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {PreparedStatement.class}, handler);
    }

    private Rule matching(String sql, List<Object> params) {
        for (Rule rule : rules) {
            if (rule.matches.test(sql, params) && rule.remaining.getAndUpdate(n -> n == Integer.MAX_VALUE ? n : Math.max(n - 1, 0)) > 0) {
                rule.fired.incrementAndGet();
                return rule;
            }
        }
        return null;
    }

    private static Object invoke(Object target, Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    /** For messages: which SQL state an injected fault carries. */
    public static boolean isInjected(SQLException e) {
        return e.getMessage() != null && e.getMessage().startsWith("injected:");
    }
}
