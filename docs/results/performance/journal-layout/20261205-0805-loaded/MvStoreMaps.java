import java.sql.*; import java.nio.file.*; import org.h2.mvstore.*;
public class MvStoreMaps { public static void main(String[] a) throws Exception {
 for (String f : a) {
  Path dir = Files.createTempDirectory("m");
  String url = "jdbc:h2:file:" + dir + "/db";
  try (Connection c = DriverManager.getConnection(url, "sa", ""); Statement s = c.createStatement()) {
   for (String sql : Files.readString(Path.of(f)).split(";", -1)) if (!sql.isBlank()) s.execute(sql.strip());
   try (ResultSet r = s.executeQuery("select table_name, index_name from information_schema.indexes where table_schema='PUBLIC' order by 1")) { while (r.next()) System.out.println(r.getString(1)+" "+r.getString(2)); }
   try (ResultSet r = s.executeQuery("select o.id, o.name from (select 1 id, 'x' name) o where false")) {}
  }
  try (MVStore st = new MVStore.Builder().fileName(dir + "/db.mv.db").readOnly().open()) {
   System.out.println(f.replaceAll(".*/","") + " maps: " + st.getMapNames());
  }
 }
}}
