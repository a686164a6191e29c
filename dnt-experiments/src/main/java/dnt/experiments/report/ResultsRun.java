package dnt.experiments.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dnt.core.InvalidInputException;
import dnt.experiments.settings.SettingsYaml;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * One run's folder, {@code results/<experiment>/<run-id>/}, and the manifest written into it. Use
 * {@link #start}, write tables and plots with {@link #file}, then {@link #finish}. Until {@link
 * #finish} the files go to a hidden {@code .<run-id>.partial} folder beside it, moved into place at
 * the end; {@link #close} without {@link #finish} (a failed run) deletes it, so a failed run leaves
 * no partial output.
 */
public final class ResultsRun implements AutoCloseable {
  private static final DateTimeFormatter RUN_ID =
      DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

  private final String experiment;
  private Path dir;
  private final long seed;
  private final int seeds;
  private final Instant started;
  private final long startNanos;
  private final Map<String, String> facts = new LinkedHashMap<>();
  private @Nullable ObjectNode settings;
  private List<String> settingsComments = List.of();
  private final List<RunManifest.InputFile> inputs = new ArrayList<>();
  private final List<String> notes = new ArrayList<>();

  private final Path finalDir;
  private final boolean ownsParent;
  private boolean finished;

  private ResultsRun(
      String experiment, Path partial, Path finalDir, long seed, int seeds, boolean ownsParent) {
    this.experiment = experiment;
    this.ownsParent = ownsParent;
    this.dir = partial;
    this.finalDir = finalDir;
    this.seed = seed;
    this.seeds = seeds;
    this.started = Instant.now();
    this.startNanos = System.nanoTime();
  }

  /**
   * Creates {@code root/experiment/<run-id>/}; the run id is the UTC start time plus the seed, with
   * a suffix if that folder exists.
   *
   * @param root the results root (usually {@code results})
   * @param experiment the experiment's name
   * @param seed the base seed
   * @param seeds the number of replications
   * @return the run
   */
  public static ResultsRun start(Path root, String experiment, long seed, int seeds) {
    String base = RUN_ID.format(Instant.now()) + "-seed" + seed;
    Path parent = root.resolve(experiment);
    String name = base;
    for (int i = 2;
        Files.exists(parent.resolve(name)) || Files.exists(parent.resolve(partial(name)));
        i++) {
      name = base + "-" + i;
    }
    Path partial = parent.resolve(partial(name));
    try {
      Files.createDirectories(partial);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create results folder " + partial, e);
    }
    return new ResultsRun(experiment, partial, parent.resolve(name), seed, seeds, true);
  }

  /**
   * Creates a run whose folder is exactly {@code dir} (for commands that take an output folder
   * rather than a results root); its files go to a hidden {@code .<name>.partial} folder beside it
   * until {@link #finish}, as for {@link #start}.
   *
   * @param dir the run's folder, which must not exist
   * @param experiment the experiment's name
   * @param seed the base seed
   * @param seeds the number of replications
   * @return the run
   * @throws InvalidInputException if the folder (or its partial folder) exists
   */
  public static ResultsRun startIn(Path dir, String experiment, long seed, int seeds) {
    Path absolute = dir.toAbsolutePath().normalize();
    Path parent = absolute.getParent();
    Path name = absolute.getFileName();
    if (parent == null || name == null) {
      throw new InvalidInputException("cannot write a run into " + dir + "; give a new folder");
    }
    Path partial = parent.resolve(partial(name.toString()));
    if (Files.exists(absolute) || Files.exists(partial)) {
      throw new InvalidInputException(dir + " exists; give a new folder");
    }
    try {
      Files.createDirectories(partial);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create results folder " + partial, e);
    }
    return new ResultsRun(experiment, partial, absolute, seed, seeds, false);
  }

  private static String partial(String name) {
    return "." + name + ".partial";
  }

  /**
   * The run's folder: the hidden partial folder until {@link #finish}, the final one after.
   *
   * @return the folder
   */
  public Path dir() {
    return dir;
  }

  /**
   * A file inside the run's folder.
   *
   * @param name the file name
   * @return its path
   */
  public Path file(String name) {
    return dir.resolve(name);
  }

  /**
   * Records the complete effective settings: {@link #finish} writes them to {@code config.yaml}
   * (which {@code --config} reads back to reproduce the run) and, flattened, into the manifest.
   *
   * @param tree the settings
   * @param comments lines written as YAML comments above them
   * @return this run
   */
  public ResultsRun settings(ObjectNode tree, List<String> comments) {
    this.settings = tree.deepCopy();
    this.settingsComments = List.copyOf(comments);
    return this;
  }

  /**
   * Records a value derived during the run (a parameter count, a station count) for the manifest's
   * {@code facts}; settings go through {@link #settings}.
   *
   * @param key the key
   * @param value the value
   * @return this run
   */
  public ResultsRun config(String key, Object value) {
    facts.put(key, String.valueOf(value));
    return this;
  }

  /**
   * Records an input file (its checksum is computed now).
   *
   * @param path the file
   * @return this run
   */
  public ResultsRun input(Path path) {
    inputs.add(describe(path));
    return this;
  }

  /**
   * Adds a remark to the manifest, e.g. that the data is synthetic.
   *
   * @param note the remark
   * @return this run
   */
  public ResultsRun note(String note) {
    notes.add(note);
    return this;
  }

  /**
   * Writes {@code config.yaml} and {@code manifest.json}.
   *
   * @param version the dnt version
   * @return the manifest written
   */
  public RunManifest finish(String version) {
    double wall = (System.nanoTime() - startNanos) / 1e9;
    Map<String, String> config = new LinkedHashMap<>();
    if (settings != null) {
      SettingsYaml.flatten(settings, config);
    }
    RunManifest m =
        new RunManifest(
            experiment,
            finalDir.getFileName().toString(),
            finalDir.toAbsolutePath().normalize().toString(),
            version,
            gitCommit(),
            seed,
            seeds,
            config,
            facts,
            inputs,
            started.toString(),
            wall,
            System.getProperty("java.version"),
            Runtime.getRuntime().availableProcessors()
                + " processors, max heap "
                + Runtime.getRuntime().maxMemory() / (1 << 20)
                + " MiB",
            notes);
    try {
      if (settings != null) {
        SettingsYaml.write(file("config.yaml"), settingsComments, settings);
      }
      ObjectMapper json = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();
      json.writeValue(file("manifest.json").toFile(), m);
      Files.move(dir, finalDir, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the run folder " + finalDir, e);
    }
    dir = finalDir;
    finished = true;
    return m;
  }

  /** Deletes the partial folder of a run that did not {@link #finish} (best effort). */
  @Override
  public void close() {
    if (finished) {
      return;
    }
    try (Stream<Path> s = Files.walk(dir)) {
      for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
      Path parent = dir.getParent();
      if (ownsParent) {
        try (Stream<Path> left = Files.list(parent)) {
          if (left.findAny().isEmpty()) {
            Files.deleteIfExists(parent);
          }
        }
      }
    } catch (IOException | UncheckedIOException e) {
      // best effort: the run's own failure is what the user must see
    }
  }

  static RunManifest.InputFile describe(Path given) {
    Path path = given.toAbsolutePath().normalize();
    try {
      if (Files.isDirectory(path)) {
        return new RunManifest.InputFile(path.toString(), "", 0);
      }
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      try (InputStream in = new DigestInputStream(Files.newInputStream(path), md)) {
        in.transferTo(java.io.OutputStream.nullOutputStream());
      }
      return new RunManifest.InputFile(
          path.toString(), HexFormat.of().formatHex(md.digest()), Files.size(path));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read input " + path, e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Best effort: the commit of the git checkout the JVM runs in, read from {@code .git}. */
  static String gitCommit() {
    return gitCommit(Path.of(System.getProperty("dnt.home", System.getProperty("user.dir"))));
  }

  /**
   * Best effort: the commit checked out in a folder, read from its {@code .git}: a folder, or in a
   * linked worktree a file {@code gitdir: PATH} whose folder holds {@code HEAD} and names the
   * common folder (refs, packed refs) in its {@code commondir} file.
   *
   * @param home the checkout's root
   * @return the commit's hash, or "unknown"
   */
  static String gitCommit(Path home) {
    Path git = home.resolve(".git");
    try {
      if (Files.isRegularFile(git)) {
        String link = Files.readString(git).trim();
        if (!link.startsWith("gitdir: ")) {
          return "unknown";
        }
        git = home.resolve(link.substring(8).trim()).normalize();
      }
      Path common = git;
      Path commonDir = git.resolve("commondir");
      if (Files.exists(commonDir)) {
        common = git.resolve(Files.readString(commonDir).trim()).normalize();
      }
      Path head = git.resolve("HEAD");
      if (!Files.exists(head)) {
        return "unknown";
      }
      String ref = Files.readString(head).trim();
      if (!ref.startsWith("ref: ")) {
        return ref;
      }
      String name = ref.substring(5);
      for (Path dir : List.of(git, common)) {
        Path refFile = dir.resolve(name);
        if (Files.exists(refFile)) {
          return Files.readString(refFile).trim();
        }
      }
      Path packed = common.resolve("packed-refs");
      if (Files.exists(packed)) {
        for (String line : Files.readAllLines(packed)) {
          if (line.endsWith(" " + name)) {
            return line.substring(0, line.indexOf(' '));
          }
        }
      }
    } catch (IOException e) {
      return "unknown";
    }
    return "unknown";
  }
}
