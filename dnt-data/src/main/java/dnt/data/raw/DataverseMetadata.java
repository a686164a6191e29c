package dnt.data.raw;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dnt.core.InvalidInputException;
import dnt.data.milan.BundledData;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The Harvard Dataverse metadata of the Milan dataset (doi:10.7910/DVN/EGZHFV): the 62 daily files
 * with their sizes and MD5 checksums, used by {@code dnt data ingest --verify}.
 */
public final class DataverseMetadata {
  /**
   * One listed file.
   *
   * @param name the file name, e.g. {@code sms-call-internet-mi-2013-11-01.txt}
   * @param bytes its size
   * @param md5 lower-case hex MD5
   */
  public record Entry(String name, long bytes, String md5) {}

  private final Map<String, Entry> entries;

  private DataverseMetadata(Map<String, Entry> entries) {
    this.entries = Collections.unmodifiableMap(entries);
  }

  /**
   * Loads the bundled metadata.
   *
   * @return the metadata
   */
  public static DataverseMetadata load() {
    return load(BundledData.file(BundledData.METADATA));
  }

  /**
   * Loads a Dataverse dataset-version JSON.
   *
   * @param file the JSON file
   * @return the metadata
   * @throws InvalidInputException if it is not such a file
   */
  public static DataverseMetadata load(Path file) {
    JsonNode root;
    try {
      root = new ObjectMapper().readTree(Files.readAllBytes(file));
    } catch (JsonProcessingException e) {
      throw new InvalidInputException(file + " is not valid JSON: " + e.getOriginalMessage(), e);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
    JsonNode files = root == null ? null : root.path("datasetVersion").path("files");
    if (files == null || !files.isArray()) {
      throw new InvalidInputException(file + " has no datasetVersion.files list");
    }
    Map<String, Entry> entries = new LinkedHashMap<>();
    for (JsonNode f : files) {
      JsonNode df = f.path("dataFile");
      String name = df.path("filename").asText("");
      String md5 = df.path("md5").asText("");
      if (!name.isEmpty() && !md5.isEmpty()) {
        entries.put(
            name, new Entry(name, df.path("filesize").asLong(-1), md5.toLowerCase(Locale.ROOT)));
      }
    }
    return new DataverseMetadata(entries);
  }

  /**
   * The listed files by name.
   *
   * @return an unmodifiable map
   */
  public Map<String, Entry> entries() {
    return entries;
  }

  /**
   * Checks a file's MD5 (of its decompressed bytes when it is gzip) against the listing.
   *
   * @param file the file; its name, less any {@code .gz}, must be listed
   * @param md5 the MD5 computed over its (decompressed) bytes
   * @throws InvalidInputException if the file is not listed or the checksum differs
   */
  public void verify(Path file, String md5) {
    String name = RawFiles.plainName(file);
    Entry e = entries.get(name);
    if (e == null) {
      throw new InvalidInputException(
          "cannot verify "
              + file
              + ": "
              + name
              + " is not one of the "
              + entries.size()
              + " files listed in the dataset metadata");
    }
    if (!e.md5().equalsIgnoreCase(md5)) {
      throw new InvalidInputException(
          file + " fails verification: its MD5 is " + md5 + " but the metadata lists " + e.md5());
    }
  }
}
