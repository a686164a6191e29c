package dnt.serve;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.ByteBuffer;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;
import org.jspecify.annotations.Nullable;

/**
 * Jetty's own error answers as {@link DntServer}'s JSON: the requests Jetty refuses before they
 * reach Javalin (a malformed request line or URI, no {@code Host}, headers or URI over Jetty's
 * limits: 400, 414, 431) would otherwise get an HTML page.
 */
final class JsonErrorHandler extends ErrorHandler {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Override
  protected void generateResponse(
      Request request,
      Response response,
      int code,
      @Nullable String message,
      @Nullable Throwable cause,
      Callback callback) {
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
    response.write(true, ByteBuffer.wrap(body(code, message)), callback);
  }

  /** {@code {"error": "request: REASON (HTTP CODE)"}}. */
  static byte[] body(int code, @Nullable String reason) {
    String text =
        "request: "
            + (reason == null || reason.isBlank() ? "refused" : reason)
            + " (HTTP "
            + code
            + ")";
    try {
      return JSON.writeValueAsBytes(new DntServer.Problem(text));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write an error answer", e);
    }
  }
}
