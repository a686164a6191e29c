package dnt.cli.version;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;

/** Reads the build version from {@code dnt-version.properties}. */
public final class VersionProvider implements IVersionProvider {
  /**
   * The version of this build.
   *
   * @return the Maven project version
   */
  public static String version() {
    Properties p = new Properties();
    try (InputStream in = VersionProvider.class.getResourceAsStream("/dnt-version.properties")) {
      if (in != null) {
        p.load(in);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return p.getProperty("version", "unknown");
  }

  @Override
  public String[] getVersion() {
    return new String[] {
      "dnt " + version(), "Java " + System.getProperty("java.version"),
    };
  }
}
