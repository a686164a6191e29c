package dnt.serve;

import dnt.core.InvalidInputException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.UnrecoverableKeyException;
import java.util.Collections;
import java.util.List;
import org.eclipse.jetty.util.ssl.SslContextFactory;

/**
 * HTTPS for {@link DntServer}: a PKCS12 keystore holding the server's private key and certificate
 * chain, checked when loaded so that a wrong password or a file without a key is one sentence
 * naming the file, not a failure at the first connection. Jetty's defaults choose the protocols and
 * cipher suites (TLS 1.2 and 1.3). The password is never printed ({@link #toString()}).
 */
public final class TlsSettings {
  private final Path keystore;
  private final KeyStore store;
  private final String password;

  private TlsSettings(Path keystore, KeyStore store, String password) {
    this.keystore = keystore;
    this.store = store;
    this.password = password;
  }

  /**
   * Loads and checks a keystore.
   *
   * @param keystore a PKCS12 file (as {@code keytool -genkeypair -storetype PKCS12} writes)
   * @param password its password, which also opens its key
   * @return the settings
   * @throws InvalidInputException naming the file: missing, not PKCS12 or the wrong password, no
   *     private key, or a key with another password
   */
  public static TlsSettings load(Path keystore, String password) {
    if (!Files.isRegularFile(keystore)) {
      throw new InvalidInputException("the keystore " + keystore + " does not exist");
    }
    KeyStore store;
    try (InputStream in = Files.newInputStream(keystore)) {
      store = KeyStore.getInstance("PKCS12");
      store.load(in, password.toCharArray());
    } catch (IOException | GeneralSecurityException e) {
      throw new InvalidInputException(
          "the keystore "
              + keystore
              + " cannot be opened: it is not a PKCS12 file or the password is wrong",
          e);
    }
    List<String> aliases;
    try {
      aliases = Collections.list(store.aliases());
      String key = null;
      for (String alias : aliases) {
        if (store.isKeyEntry(alias)) {
          key = alias;
          break;
        }
      }
      if (key == null) {
        throw new InvalidInputException(
            "the keystore "
                + keystore
                + " holds no private key with its certificate (make one with keytool"
                + " -genkeypair -storetype PKCS12)");
      }
      store.getKey(key, password.toCharArray());
    } catch (UnrecoverableKeyException e) {
      throw new InvalidInputException(
          "the keystore " + keystore + ": its key has another password than the keystore", e);
    } catch (GeneralSecurityException e) {
      throw new InvalidInputException(
          "the keystore " + keystore + " cannot be read: " + e.getMessage(), e);
    }
    return new TlsSettings(keystore, store, password);
  }

  /**
   * Reads a password file: its first line, without the line end (a trailing newline, as {@code
   * echo} writes, is not part of the password).
   *
   * @param file the file
   * @return the password
   * @throws InvalidInputException naming the file when it cannot be read or its first line is empty
   */
  public static String readPassword(Path file) {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new InvalidInputException("cannot read the password file " + file + ": " + e, e);
    }
    int end = text.indexOf('\n');
    String line = end < 0 ? text : text.substring(0, end);
    if (line.endsWith("\r")) {
      line = line.substring(0, line.length() - 1);
    }
    if (line.isEmpty()) {
      throw new InvalidInputException("the password file " + file + " holds no password");
    }
    return line;
  }

  /**
   * The keystore's file.
   *
   * @return the path it was loaded from
   */
  public Path keystore() {
    return keystore;
  }

  /** Jetty's TLS context over the loaded keystore. */
  SslContextFactory.Server contextFactory() {
    SslContextFactory.Server f = new SslContextFactory.Server();
    f.setKeyStore(store);
    f.setKeyStorePassword(password);
    f.setKeyManagerPassword(password);
    return f;
  }

  @Override
  public String toString() {
    return "TlsSettings[keystore=" + keystore + "]";
  }
}
