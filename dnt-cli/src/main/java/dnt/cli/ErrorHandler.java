package dnt.cli;

import dnt.core.InvalidInputException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.NoSuchFileException;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/**
 * Turns failures into one clear sentence on stderr and an exit status, never a stack trace for a
 * user mistake. {@link InvalidInputException} is bad input (status 2); I/O and state errors are
 * failures (status 1). Set {@code DNT_DEBUG=1} to see stack traces.
 */
final class ErrorHandler implements IExecutionExceptionHandler {
  /** Exit status for bad usage or bad input. */
  static final int USAGE = 2;

  /** Exit status for a failure. */
  static final int FAILURE = 1;

  @Override
  public int handleExecutionException(
      Exception ex, CommandLine commandLine, ParseResult parseResult) {
    Throwable t = ex;
    while ((t instanceof UncheckedIOException || t.getClass() == RuntimeException.class)
        && t.getCause() != null) {
      t = t.getCause();
    }
    var err = commandLine.getErr();
    if (System.getenv("DNT_DEBUG") != null) {
      t.printStackTrace(err);
    }
    if (t instanceof InvalidInputException) {
      err.println("dnt: " + t.getMessage());
      return USAGE;
    }
    if (t instanceof NoSuchFileException nsf) {
      err.println("dnt: file not found: " + nsf.getFile());
      return FAILURE;
    }
    if (t instanceof IOException
        || t instanceof IllegalArgumentException
        || t instanceof IllegalStateException) {
      err.println("dnt: " + t.getMessage());
      return FAILURE;
    }
    err.println(
        "dnt: internal error: "
            + t
            + " (set DNT_DEBUG=1 for the stack trace and please report it)");
    return FAILURE;
  }
}
