package dnt.serve;

import java.util.Objects;
import java.util.function.Consumer;

/**
 * How {@link DntServer} listens.
 *
 * @param host the address to bind ({@value #DEFAULT_HOST} by default: this machine only)
 * @param port the port ({@value #DEFAULT_PORT} by default; 0 picks a free one, for tests)
 * @param maxBodyBytes the largest request body; a larger one gets 413
 * @param tokens the bearer tokens and their roles
 * @param accessLog receives one line per request (method, path, status, milliseconds; never a
 *     header, so never a token)
 */
public record ServerSettings(
    String host, int port, long maxBodyBytes, TokenStore tokens, Consumer<String> accessLog) {
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
   * @return settings for 127.0.0.1:8080, 16 MiB bodies, no access log
   */
  public static ServerSettings of(TokenStore tokens) {
    return new ServerSettings(DEFAULT_HOST, DEFAULT_PORT, DEFAULT_MAX_BODY_BYTES, tokens, l -> {});
  }

  /**
   * The same settings on another address.
   *
   * @param newHost the address
   * @param newPort the port
   * @return new settings
   */
  public ServerSettings withAddress(String newHost, int newPort) {
    return new ServerSettings(newHost, newPort, maxBodyBytes, tokens, accessLog);
  }

  /**
   * The same settings with another body limit.
   *
   * @param bytes the limit
   * @return new settings
   */
  public ServerSettings withMaxBodyBytes(long bytes) {
    return new ServerSettings(host, port, bytes, tokens, accessLog);
  }

  /**
   * The same settings with an access log.
   *
   * @param log receives one line per request
   * @return new settings
   */
  public ServerSettings withAccessLog(Consumer<String> log) {
    return new ServerSettings(host, port, maxBodyBytes, tokens, log);
  }
}
