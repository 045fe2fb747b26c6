package dev.quorum.orchestrator.health;

import dev.quorum.memory.store.QuorumDatabase;

import java.sql.ResultSet;
import java.sql.Statement;

/** A read on the SQLite system of record. Required: without it nothing can be decided safely. */
public final class DatabaseCheck implements ReadinessCheck {

    private final QuorumDatabase database;

    public DatabaseCheck(QuorumDatabase database) {
        this.database = database;
    }

    @Override
    public String name() {
        return "sqlite";
    }

    @Override
    public boolean required() {
        return true;
    }

    @Override
    public CheckResult check() {
        long start = System.nanoTime();
        try {
            String result = database.read("readiness check", connection -> {
                try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery("PRAGMA quick_check")) {
                    return rs.next() ? rs.getString("quick_check") : "no answer";
                }
            });
            return new CheckResult("ok".equals(result), "PRAGMA quick_check on " + database.file() + " -> " + result,
                    HttpEndpointCheck.millisSince(start));
        } catch (RuntimeException e) {
            return new CheckResult(false, "reading " + database.file() + " failed: " + e.getMessage(), HttpEndpointCheck.millisSince(start));
        }
    }
}
