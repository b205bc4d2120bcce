package io.tixing.db;

import java.nio.file.Path;

/** A separate JVM that starts the embedded server on a folder and waits to be killed: the "service" of the tests. */
public final class HoldsEmbeddedDatabase {
    private HoldsEmbeddedDatabase() {}

    public static void main(String[] args) throws Exception {
        EmbeddedDatabase db = EmbeddedDatabase.start(Path.of(args[0]), 0);
        try (var c = java.sql.DriverManager.getConnection(db.jdbcUrl(), EmbeddedDatabase.OWNER, db.credentials().owner());
             var s = c.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS kept (n int)");
            s.execute("INSERT INTO kept VALUES (42)");
        }
        System.out.println("READY " + db.port());
        Thread.sleep(Long.MAX_VALUE);
    }
}
