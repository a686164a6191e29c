package dnt.experiments.settings;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dnt.core.InvalidInputException;
import dnt.core.InvalidSettingException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Reads and writes run settings as YAML trees and binds them to validating records. The layering is
 * always the same: defaults, then a user's file, then dotted-path overrides (the command-line
 * options), each replacing what is below it; the result binds to a record whose compact constructor
 * validates it. Every error names the file (or "command line") and the key path.
 */
public final class SettingsYaml {
  private static final java.util.regex.Pattern KEY_PATH =
      java.util.regex.Pattern.compile("[A-Za-z][A-Za-z0-9]*(\\.[A-Za-z][A-Za-z0-9]*)*");
  private static final YAMLMapper YAML =
      YAMLMapper.builder()
          .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
          .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
          .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
          .build();

  private SettingsYaml() {}

  /**
   * Resolves a study's settings in layers: its defaults, then the keys of a settings file (which
   * must name the same experiment), then the options given on the command line; each layer is bound
   * and validated, so an error names the file or the command line.
   *
   * @param <T> the settings record
   * @param defaults the defaults (or the preset's settings)
   * @param file the settings file, if any
   * @param given the command-line options, by key path
   * @param experiment the study's name, as in the file's {@code experiment} key
   * @param type the settings record
   * @return the effective settings
   */
  public static <T> T resolve(
      T defaults,
      java.util.Optional<Path> file,
      Map<String, ?> given,
      String experiment,
      Class<T> type) {
    ObjectNode tree = tree(defaults);
    if (file.isPresent()) {
      ObjectNode user = read(file.get());
      expectExperiment(user, experiment, file.get().toString());
      merge(tree, user);
      bind(tree, type, file.get().toString());
    }
    override(tree, given);
    return bind(tree, type, "command line");
  }

  /**
   * A study's settings as the tree of its {@code config.yaml}, the {@code experiment} key first.
   *
   * @param experiment the study's name
   * @param settings the settings
   * @return the tree
   */
  public static ObjectNode treeOf(String experiment, Object settings) {
    ObjectNode t = tree(Map.of("experiment", experiment));
    merge(t, tree(settings));
    return t;
  }

  /**
   * The comment lines above a study's {@code config.yaml}.
   *
   * @param experiment the study's name
   * @return the lines
   */
  public static List<String> comments(String experiment) {
    return List.of(
        "dnt experiment " + experiment + ": the complete effective configuration of this run.",
        "Rerun it with: dnt experiment " + experiment + " --config config.yaml",
        "(options given beside --config override this file; --quick is expanded below)");
  }

  /**
   * Parses {@code key.path=value} as a user writes it after {@code --set}: the key path is words of
   * letters and digits joined by dots, the value is YAML ({@code 3}, {@code 0.5}, {@code true},
   * {@code [a, b]}, {@code text}).
   *
   * @param assignment the text
   * @param option the option it came with, for messages
   * @return the key path and the value
   * @throws InvalidInputException naming the option and the text when it does not parse
   */
  public static Map.Entry<String, Object> assignment(String assignment, String option) {
    int eq = assignment.indexOf('=');
    String key = eq < 0 ? "" : assignment.substring(0, eq).strip();
    if (eq < 0 || !KEY_PATH.matcher(key).matches()) {
      throw new InvalidInputException(
          option
              + " '"
              + assignment
              + "': expected key.path=value, the key path made of words joined by dots (e.g."
              + " sync.rounds=20)");
    }
    String text = assignment.substring(eq + 1).strip();
    Object value;
    try {
      value = text.isEmpty() ? "" : YAML.readValue(text, Object.class);
    } catch (JsonProcessingException e) {
      throw new InvalidInputException(
          option
              + " '"
              + assignment
              + "': the value is not valid YAML: "
              + firstLine(e.getOriginalMessage()),
          e);
    }
    if (value == null) {
      throw new InvalidInputException(option + " '" + assignment + "': the value is empty (null)");
    }
    return Map.entry(key, value);
  }

  /**
   * A preset shipped as a YAML resource (a mapping in the shape of a run's {@code config.yaml}), as
   * dotted-path overrides with YAML-typed values, e.g. {@code sync.rounds -> 100}.
   *
   * @param owner the class whose package holds the resource
   * @param resource the resource's name relative to that package
   * @return the overrides, in the file's order
   * @throws IllegalStateException if the resource is missing or not a mapping (a packaging error)
   */
  public static Map<String, Object> presetOverrides(Class<?> owner, String resource) {
    Map<String, Object> out = new java.util.LinkedHashMap<>();
    dotted("", resourceTree(owner, resource), out);
    return out;
  }

  /**
   * Settings shipped as a commented YAML resource (a study's defaults), bound to their record.
   *
   * @param <T> the settings record
   * @param owner the class whose package holds the resource
   * @param resource the resource's name relative to that package
   * @param type the settings record
   * @return the settings
   * @throws IllegalStateException if the resource is missing or does not bind (a packaging error)
   */
  public static <T> T readResource(Class<?> owner, String resource, Class<T> type) {
    return bindShipped(resourceTree(owner, resource), type, "resource " + resource);
  }

  /**
   * Settings with a preset applied: the base as a tree, the preset's keys over it, bound again
   * (with the record's own validation).
   *
   * @param <T> the settings record
   * @param base the settings the preset starts from
   * @param owner the class whose package holds the preset resource
   * @param resource the resource's name relative to that package
   * @param type the settings record
   * @return the preset's settings
   * @throws IllegalStateException if the preset does not bind (a packaging error)
   */
  public static <T> T withPreset(T base, Class<?> owner, String resource, Class<T> type) {
    return with(base, presetOverrides(owner, resource), type, "preset " + resource);
  }

  /**
   * Settings with some keys replaced by dotted path, bound again (with the record's own
   * validation); for values the program chooses, not a user.
   *
   * @param <T> the settings record
   * @param base the settings
   * @param overrides path to value
   * @param type the settings record
   * @param what what the values are, for the message of a programming error
   * @return the new settings
   * @throws IllegalStateException if the result does not bind
   */
  public static <T> T with(T base, Map<String, ?> overrides, Class<T> type, String what) {
    ObjectNode tree = tree(base);
    override(tree, overrides);
    return bindShipped(tree, type, what);
  }

  /** A resource shipped with the code, as a mapping; a missing or bad one is a packaging error. */
  private static ObjectNode resourceTree(Class<?> owner, String resource) {
    JsonNode tree;
    try (java.io.InputStream in = owner.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("settings resource " + resource + " is missing");
      }
      tree = YAML.readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read settings resource " + resource, e);
    }
    if (!(tree instanceof ObjectNode o)) {
      throw new IllegalStateException("settings resource " + resource + " is not a mapping");
    }
    return o;
  }

  /** Binds settings the program ships (not a user's): a failure is a programming error. */
  private static <T> T bindShipped(JsonNode tree, Class<T> type, String what) {
    try {
      return bind(tree, type, what);
    } catch (InvalidInputException e) {
      throw new IllegalStateException(e.getMessage(), e);
    }
  }

  private static void dotted(String prefix, ObjectNode node, Map<String, Object> into) {
    for (Map.Entry<String, JsonNode> e : node.properties()) {
      String key = prefix.isEmpty() ? e.getKey() : prefix + "." + e.getKey();
      if (e.getValue() instanceof ObjectNode o) {
        dotted(key, o, into);
      } else {
        try {
          into.put(key, YAML.treeToValue(e.getValue(), Object.class));
        } catch (JsonProcessingException x) {
          throw new IllegalStateException("preset key " + key + " is not a plain value", x);
        }
      }
    }
  }

  /**
   * A value (a record, a map) as a tree.
   *
   * @param value the value
   * @return its tree, a mapping
   */
  public static ObjectNode tree(Object value) {
    JsonNode n = YAML.valueToTree(value);
    if (!(n instanceof ObjectNode o)) {
      throw new IllegalArgumentException("settings must be a mapping, got " + n.getNodeType());
    }
    return o;
  }

  /**
   * Reads a YAML file that must hold a mapping.
   *
   * @param file the file
   * @return its tree (empty for an empty file)
   * @throws InvalidInputException naming the file when it cannot be read or is not a mapping
   */
  public static ObjectNode read(Path file) {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new InvalidInputException("cannot read config file " + file + ": " + e, e);
    }
    JsonNode n;
    try {
      n = YAML.readTree(text);
    } catch (JsonProcessingException e) {
      throw new InvalidInputException(
          "config file " + file + " is not valid YAML: " + firstLine(e.getOriginalMessage()), e);
    }
    if (n == null || n instanceof NullNode || n.isMissingNode()) {
      return YAML.createObjectNode();
    }
    if (!(n instanceof ObjectNode o)) {
      throw new InvalidInputException("config file " + file + " must hold a YAML mapping of keys");
    }
    return o;
  }

  /**
   * Overlays {@code from} onto {@code into}: mappings merge key by key, anything else replaces.
   *
   * @param into the lower layer, changed in place
   * @param from the upper layer
   */
  public static void merge(ObjectNode into, ObjectNode from) {
    for (Map.Entry<String, JsonNode> e : from.properties()) {
      JsonNode old = into.get(e.getKey());
      if (old instanceof ObjectNode o && e.getValue() instanceof ObjectNode n) {
        merge(o, n);
      } else {
        into.set(e.getKey(), e.getValue().deepCopy());
      }
    }
  }

  /**
   * Sets dotted-path values, e.g. {@code agent.hidden = 32}; missing sections are created (an
   * unknown key then fails when the tree is bound).
   *
   * @param tree the tree, changed in place
   * @param overrides path to value
   */
  // String.split drops trailing empty strings: a key path's trailing dot is ignored, as before
  @SuppressWarnings("StringSplitter")
  public static void override(ObjectNode tree, Map<String, ?> overrides) {
    for (Map.Entry<String, ?> e : overrides.entrySet()) {
      String[] path = e.getKey().split("\\.");
      ObjectNode at = tree;
      for (int i = 0; i < path.length - 1; i++) {
        JsonNode next = at.get(path[i]);
        at = next instanceof ObjectNode o ? o : at.putObject(path[i]);
      }
      at.set(path[path.length - 1], YAML.valueToTree(e.getValue()));
    }
  }

  /**
   * Removes and returns a top-level key.
   *
   * @param tree the tree, changed in place
   * @param key the key
   * @return its value, or null when absent
   */
  public static JsonNode take(ObjectNode tree, String key) {
    return tree.remove(key);
  }

  /**
   * Checks the optional {@code experiment} key of a settings file and removes it.
   *
   * @param tree the file's tree, changed in place
   * @param experiment the experiment the file must be for
   * @param source the file, for the message
   */
  public static void expectExperiment(ObjectNode tree, String experiment, String source) {
    JsonNode e = take(tree, "experiment");
    if (e != null && !e.asText().equals(experiment)) {
      throw new InvalidInputException(
          source
              + ": key 'experiment' is '"
              + e.asText()
              + "', but this is the "
              + experiment
              + " experiment");
    }
  }

  /**
   * Binds a tree to a record, with the record's own validation.
   *
   * @param tree the tree
   * @param type the record type
   * @param source the file (or "command line") for messages
   * @param <T> the type
   * @return the value
   * @throws InvalidInputException naming the source and key path for unknown keys and bad values
   */
  public static <T> T bind(JsonNode tree, Class<T> type, String source) {
    return bind(tree, type, source, "");
  }

  /**
   * Binds a section of a settings tree to a record, with the record's own validation.
   *
   * @param tree the section's tree
   * @param type the record type
   * @param source the file (or "command line") for messages
   * @param section the section's key path in the file, prefixed to key paths in messages
   * @param <T> the type
   * @return the value
   * @throws InvalidInputException naming the source and key path for unknown keys and bad values
   *     (down to the record component when the record throws a {@link InvalidSettingException})
   */
  public static <T> T bind(JsonNode tree, Class<T> type, String source, String section) {
    try {
      T value = YAML.treeToValue(tree, type);
      // Jackson does not report unknown keys beside @JsonUnwrapped sections: every key given must
      // come back when the bound value is written
      if (tree instanceof ObjectNode given && YAML.valueToTree(value) instanceof ObjectNode bound) {
        String unknown = unknownKey("", given, bound);
        if (unknown != null) {
          throw new InvalidInputException(
              source + ": unknown key '" + join(section, unknown) + "'");
        }
      }
      return value;
    } catch (UnrecognizedPropertyException e) {
      String at = join(section, path(e));
      throw new InvalidInputException(source + ": unknown key '" + at + "'", e);
    } catch (JsonMappingException e) {
      Throwable cause = e.getCause();
      String why =
          cause instanceof IllegalArgumentException || cause instanceof InvalidInputException
              ? cause.getMessage()
              : e.getOriginalMessage();
      String at = join(section, path(e));
      if (cause instanceof InvalidSettingException s) {
        // the record named the component whose value is wrong: the full key path
        at = join(at, s.key());
      }
      throw new InvalidInputException(
          source + (at.isEmpty() ? "" : ": key '" + at + "'") + ": " + firstLine(why), e);
    } catch (JsonProcessingException e) {
      throw new InvalidInputException(source + ": " + firstLine(e.getOriginalMessage()), e);
    }
  }

  /**
   * Writes a tree as YAML with comment lines above it.
   *
   * @param file the file
   * @param comments lines written as {@code # line}
   * @param tree the settings
   */
  public static void write(Path file, List<String> comments, ObjectNode tree) {
    StringBuilder b = new StringBuilder();
    for (String c : comments) {
      b.append("# ").append(c).append('\n');
    }
    try {
      b.append(YAML.writeValueAsString(tree));
      Files.writeString(file, b.toString(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }

  /**
   * The tree as YAML text.
   *
   * @param tree the tree
   * @return the text
   */
  public static String text(ObjectNode tree) {
    try {
      return YAML.writeValueAsString(tree);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Flattens a tree to dotted keys and text values (for the manifest).
   *
   * @param tree the tree
   * @param into where the entries go
   */
  public static void flatten(JsonNode tree, Map<String, String> into) {
    flatten("", tree, into);
  }

  private static void flatten(String prefix, JsonNode n, Map<String, String> into) {
    if (n instanceof ObjectNode o) {
      for (Map.Entry<String, JsonNode> e : o.properties()) {
        flatten(prefix.isEmpty() ? e.getKey() : prefix + "." + e.getKey(), e.getValue(), into);
      }
    } else if (n.isArray()) {
      StringBuilder b = new StringBuilder();
      for (JsonNode x : n) {
        b.append(b.length() == 0 ? "" : ",").append(x.asText());
      }
      into.put(prefix, b.toString());
    } else {
      into.put(prefix, n.asText());
    }
  }

  /** The first key path of {@code given} that {@code bound} lacks, or null. */
  private static @Nullable String unknownKey(String prefix, ObjectNode given, ObjectNode bound) {
    for (Map.Entry<String, JsonNode> e : given.properties()) {
      String key = prefix.isEmpty() ? e.getKey() : prefix + "." + e.getKey();
      JsonNode b = bound.get(e.getKey());
      if (b == null) {
        return key;
      }
      if (e.getValue() instanceof ObjectNode g && b instanceof ObjectNode o) {
        String deeper = unknownKey(key, g, o);
        if (deeper != null) {
          return deeper;
        }
      }
    }
    return null;
  }

  private static String join(String section, String path) {
    if (section.isEmpty()) {
      return path;
    }
    return path.isEmpty() ? section : section + "." + path;
  }

  private static String path(JsonMappingException e) {
    StringBuilder b = new StringBuilder();
    for (JsonMappingException.Reference r : e.getPath()) {
      if (r.getFieldName() != null) {
        if (b.length() > 0) {
          b.append('.');
        }
        b.append(r.getFieldName());
      } else if (r.getIndex() >= 0) {
        b.append('[').append(r.getIndex()).append(']');
      }
    }
    return b.toString();
  }

  private static String firstLine(@Nullable String s) {
    if (s == null) {
      return "invalid value";
    }
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
  }
}
