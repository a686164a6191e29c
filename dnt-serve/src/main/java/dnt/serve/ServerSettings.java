package dnt.serve;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Objects;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * How {@link DntServer} listens.
 *
 * @param host the address to bind ({@value #DEFAULT_HOST} by default: this machine only)
 * @param port the port ({@value #DEFAULT_PORT} by default; 0 picks a free one, for tests)
 * @param maxBodyBytes the largest request body; a larger one gets 413
 * @param tokens the bearer tokens and their roles
 * @param accessLog receives one line per request (method, path, status, milliseconds; never a
 *     header, so never a token)
 * @param tls the keystore of HTTPS, or null for plain HTTP
 * @param rateLimits requests per second per token and per client address; more get 429
 */
public record ServerSettings(
    String host,
    int port,
    long maxBodyBytes,
    TokenStore tokens,
    Consumer<String> accessLog,
    @Nullable TlsSettings tls,
    RateLimits rateLimits) {
  /** The default address: the loopback interface only. */
  public static final String DEFAULT_HOST = "127.0.0.1";

  /** The default port. */
  public static final int DEFAULT_PORT = 8080;

  /** The default body limit: 16 MiB (a batch of 1,000 raw rows is about 73 kB). */
  public static final long DEFAULT_MAX_BODY_BYTES = 16L << 20;

  /** Checks the values. */
  public ServerSettings {
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(tokens, "tokens");
    Objects.requireNonNull(accessLog, "accessLog");
    Objects.requireNonNull(rateLimits, "rateLimits");
    if (port < 0 || port > 65_535) {
      throw new IllegalArgumentException("port " + port + " is outside 0..65535");
    }
    if (maxBodyBytes < 1) {
      throw new IllegalArgumentException("maxBodyBytes must be positive, got " + maxBodyBytes);
    }
  }

  /**
   * The defaults with some tokens.
   *
   * @param tokens the tokens
   * @return settings for 127.0.0.1:8080, plain HTTP, 16 MiB bodies, the default rate limits, no
   *     access log
   */
  public static ServerSettings of(TokenStore tokens) {
    return new ServerSettings(
        DEFAULT_HOST,
        DEFAULT_PORT,
        DEFAULT_MAX_BODY_BYTES,
        tokens,
        l -> {},
        null,
        RateLimits.DEFAULT);
  }

  /**
   * The same settings on another address.
   *
   * @param newHost the address
   * @param newPort the port
   * @return new settings
   */
  public ServerSettings withAddress(String newHost, int newPort) {
    return new ServerSettings(newHost, newPort, maxBodyBytes, tokens, accessLog, tls, rateLimits);
  }

  /**
   * The same settings with another body limit.
   *
   * @param bytes the limit
   * @return new settings
   */
  public ServerSettings withMaxBodyBytes(long bytes) {
    return new ServerSettings(host, port, bytes, tokens, accessLog, tls, rateLimits);
  }

  /**
   * The same settings with an access log.
   *
   * @param log receives one line per request
   * @return new settings
   */
  public ServerSettings withAccessLog(Consumer<String> log) {
    return new ServerSettings(host, port, maxBodyBytes, tokens, log, tls, rateLimits);
  }

  /**
   * The same settings over HTTPS.
   *
   * @param keystore the server's key and certificate, or null for plain HTTP
   * @return new settings
   */
  public ServerSettings withTls(@Nullable TlsSettings keystore) {
    return new ServerSettings(host, port, maxBodyBytes, tokens, accessLog, keystore, rateLimits);
  }

  /**
   * The same settings with other rate limits.
   *
   * @param limits the limits ({@link RateLimits#OFF} for none)
   * @return new settings
   */
  public ServerSettings withRateLimits(RateLimits limits) {
    return new ServerSettings(host, port, maxBodyBytes, tokens, accessLog, tls, limits);
  }

  /**
   * Whether the host is this machine's loopback interface only (127.0.0.0/8, ::1, or a name that
   * resolves to it), so that nothing sent reaches the network. A wildcard ({@code 0.0.0.0}, {@code
   * ::}) or any other address is not; a name that does not resolve counts as not, since binding it
   * fails anyway.
   *
   * @return true for a loopback address
   */
  public boolean loopbackOnly() {
    try {
      for (InetAddress a : InetAddress.getAllByName(host)) {
        if (!a.isLoopbackAddress()) {
          return false;
        }
      }
      return true;
    } catch (UnknownHostException e) {
      return false;
    }
  }
}
