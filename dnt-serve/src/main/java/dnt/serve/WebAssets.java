package dnt.serve;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The dashboard's static files, served from the jar: the page ({@code /}), its own script and style
 * ({@code /web/...}, class-path {@value #WEB}) and uPlot from its WebJar ({@code
 * /vendor/uplot/...}, class-path {@value #UPLOT}). Nothing is fetched from elsewhere at run time,
 * and every response of the server carries {@link #SECURITY_HEADERS}: a Content-Security-Policy
 * that allows scripts, styles and connections to this origin only (no inline script, no CDN).
 */
final class WebAssets {
  /** Where the page's own files live on the class path. */
  static final String WEB = "/dnt/serve/web/";

  /** The uPlot version served; the WebJar of the same version is on the class path. */
  static final String UPLOT_VERSION = "1.6.30";

  /** Where uPlot's distribution lives on the class path (its WebJar). */
  static final String UPLOT = "/META-INF/resources/webjars/uplot/" + UPLOT_VERSION + "/dist/";

  /** The Content-Security-Policy of every response. */
  static final String CSP =
      "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:;"
          + " connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none';"
          + " form-action 'none'";

  /** The headers every response carries. */
  static final Map<String, String> SECURITY_HEADERS =
      Map.of(
          "Content-Security-Policy", CSP,
          "X-Content-Type-Options", "nosniff",
          "Referrer-Policy", "no-referrer",
          "X-Frame-Options", "DENY");

  private static final Pattern FILE_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,99}");

  private static final Map<String, String> TYPES =
      Map.of(
          "html", "text/html; charset=utf-8",
          "js", "text/javascript; charset=utf-8",
          "css", "text/css; charset=utf-8",
          "png", "image/png",
          "svg", "image/svg+xml");

  private final Map<String, byte[]> cache = new ConcurrentHashMap<>();

  /**
   * Registers the routes.
   *
   * @param routes Javalin's routes
   */
  void register(RoutesConfig routes) {
    routes.before(WebAssets::secure);
    routes.get("/", ctx -> send(ctx, WEB, "index.html"));
    routes.get("/web/{file}", ctx -> send(ctx, WEB, ctx.pathParam("file")));
    routes.get("/vendor/uplot/{file}", ctx -> send(ctx, UPLOT, ctx.pathParam("file")));
  }

  /** Adds {@link #SECURITY_HEADERS} to a response. */
  static void secure(Context ctx) {
    SECURITY_HEADERS.forEach(ctx::header);
  }

  private void send(Context ctx, String folder, String file) {
    String type = type(file);
    byte[] body = type == null ? null : read(folder + file);
    if (body == null) {
      throw new DntServer.ApiError(404, "no such file: " + ctx.path());
    }
    ctx.header("Cache-Control", "no-cache").contentType(type).result(body);
  }

  private static @Nullable String type(String file) {
    if (!FILE_NAME.matcher(file).matches() || file.contains("..")) {
      return null;
    }
    int dot = file.lastIndexOf('.');
    return dot < 0 ? null : TYPES.get(file.substring(dot + 1).toLowerCase(Locale.ROOT));
  }

  private byte @Nullable [] read(String resource) {
    byte[] cached = cache.get(resource);
    if (cached != null) {
      return cached;
    }
    try (InputStream in = WebAssets.class.getResourceAsStream(resource)) {
      if (in == null) {
        return null;
      }
      byte[] bytes = in.readAllBytes();
      cache.put(resource, bytes);
      return bytes;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + resource, e);
    }
  }
}
