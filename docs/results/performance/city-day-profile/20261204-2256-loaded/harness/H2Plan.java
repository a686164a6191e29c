import java.nio.file.*;
import java.sql.*;

public class H2Plan {
  static String Q0 = "select x2.x3, x2.x4, x2.x5, x2.x6, x2.x7, x2.x8, x2.x9, x2.x10, x2.x11, x2.x12, x2.x13, x2.x14, x2.x15 from (select \"deleted\" as x4, \"meta_ser_id\" as x14, \"meta_ser_manifest\" as x15, \"sequence_number\" as x6, \"writer\" as x7, \"event_ser_manifest\" as x12, \"write_timestamp\" as x8, \"persistence_id\" as x5, \"adapter_manifest\" as x9, \"ordering\" as x3, \"event_payload\" as x10, \"event_ser_id\" as x11, \"meta_payload\" as x13 from \"event_journal\" where \"deleted\" = false) x2, \"event_tag\" x16 where ((x16.\"tag\" = ?) and ((x2.x3 > ?) and (x2.x3 <= ?))) and (x2.x3 = x16.\"event_id\") order by x2.x3 limit ?";
  static String Q;
  public static void main(String[] a) throws Exception {
    Q = a.length > 2 ? Q0.replace("\"event_tag\" x16", a[2] + " x16") : Q0;
    int n = Integer.parseInt(a[0]);
    try (Connection c = DriverManager.getConnection("jdbc:h2:mem:x", "sa", "")) {
      String schema = Files.readString(Path.of("/work/wt/cityday/dnt-live/src/main/resources/dnt/live/h2-journal-schema.sql"));
      for (String st : schema.split(";")) if (!st.replaceAll("(?m)^--.*$", "").isBlank()) c.createStatement().execute(st);
      if (a.length > 2) c.createStatement().execute(a[1]);
      c.setAutoCommit(false);
      try (PreparedStatement e = c.prepareStatement("insert into \"event_journal\" (\"persistence_id\",\"sequence_number\",\"writer\",\"write_timestamp\",\"adapter_manifest\",\"event_payload\",\"event_ser_id\",\"event_ser_manifest\") values (?,?,'w',0,'',?,1,'o')");
           PreparedStatement t = c.prepareStatement("insert into \"event_tag\" values (?, 'cell')")) {
        byte[] p = new byte[300];
        for (int i = 1; i <= n; i++) {
          e.setString(1, "cell|" + (i % 1000)); e.setLong(2, i); e.setBytes(3, p); e.addBatch();
          t.setLong(1, i); t.addBatch();
          if (i % 1000 == 0) { e.executeBatch(); t.executeBatch(); }
        }
        e.executeBatch(); t.executeBatch(); c.commit();
      }
      run(c, n, "as is");
      if (a.length == 2) {
        c.createStatement().execute(a[1]);
        c.commit();
        run(c, n, a[1]);
      }
    }
  }
  static void run(Connection c, int n, String what) throws Exception {
    try (PreparedStatement q = c.prepareStatement("explain " + Q)) {
      q.setString(1, "cell"); q.setLong(2, n - 600); q.setLong(3, n); q.setLong(4, 500);
      ResultSet r = q.executeQuery(); r.next(); System.out.println(what + ":\n" + r.getString(1));
    }
    try (PreparedStatement q = c.prepareStatement(Q)) {
      for (int rep = 0; rep < 6; rep++) {
        long t0 = System.nanoTime(); int rows = 0;
        q.setString(1, "cell"); q.setLong(2, n - 6000 + rep * 700); q.setLong(3, n); q.setLong(4, 500);
        ResultSet r = q.executeQuery(); while (r.next()) rows++;
        System.out.printf("%s: %d rows in %.2f ms%n", what, rows, (System.nanoTime() - t0) / 1e6);
      }
    }
  }
}
