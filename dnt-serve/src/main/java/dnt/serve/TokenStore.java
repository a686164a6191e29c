package dnt.serve;

import dnt.core.InvalidInputException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.random.RandomGenerator;
import java.util.regex.Pattern;

/**
 * The bearer tokens of {@code dnt serve} and their roles. Only SHA-256 hashes of the tokens are
 * kept; a presented token is hashed and compared with every entry by {@link
 * MessageDigest#isEqual(byte[], byte[])} (constant time, no early exit), so neither the comparison
 * time nor a memory dump reveals a token. Nothing here ever prints a token.
 *
 * <p>A tokens file has one token a line, {@code ROLE TOKEN}, roles {@code viewer}, {@code
 * operator}, {@code admin}; blank lines and lines starting with {@code #} are ignored. A token is
 * at least {@value #MIN_TOKEN_LENGTH} characters without whitespace, and appears once.
 */
public final class TokenStore {
  /** The shortest token a tokens file may hold. */
  public static final int MIN_TOKEN_LENGTH = 16;

  /** The file of the generated admin token in a state folder. */
  public static final String ADMIN_TOKEN_FILE = "admin.token";

  private static final int GENERATED_BYTES = 32;
  private static final Pattern WHITESPACE = Pattern.compile("\\s+");

  private record Entry(Role role, byte[] hash) {}

  private final List<Entry> entries;

  private TokenStore(List<Entry> entries) {
    this.entries = List.copyOf(entries);
  }

  /**
   * A generated admin token and where it is.
   *
   * @param store the store holding it
   * @param file the file it is in
   * @param created whether this start created it (else an earlier start did)
   */
  public record Generated(TokenStore store, Path file, boolean created) {}

  /**
   * Reads a tokens file.
   *
   * @param file the file
   * @return the store
   * @throws InvalidInputException naming the file and line of a bad line, or an unreadable file
   */
  public static TokenStore read(Path file) {
    List<String> lines;
    try {
      lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new InvalidInputException("cannot read the tokens file " + file + ": " + e, e);
    }
    List<Entry> entries = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i).strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      String where = "the tokens file " + file + ", line " + (i + 1) + ": ";
      String[] f = WHITESPACE.split(line, -1);
      if (f.length != 2) {
        throw new InvalidInputException(
            where + "expected ROLE TOKEN (two words), found " + f.length + " words");
      }
      Role role;
      try {
        role = Role.REGISTRY.factory(f[0]);
      } catch (InvalidInputException e) {
        throw new InvalidInputException(where + e.getMessage(), e);
      }
      if (f[1].length() < MIN_TOKEN_LENGTH) {
        throw new InvalidInputException(
            where + "the token is shorter than " + MIN_TOKEN_LENGTH + " characters");
      }
      byte[] hash = sha256(f[1]);
      for (Entry e : entries) {
        if (MessageDigest.isEqual(e.hash(), hash)) {
          throw new InvalidInputException(where + "the token appears twice in the file");
        }
      }
      entries.add(new Entry(role, hash));
    }
    if (entries.isEmpty()) {
      throw new InvalidInputException("the tokens file " + file + " holds no token");
    }
    return new TokenStore(entries);
  }

  /**
   * The admin token of a state folder: read from {@value #ADMIN_TOKEN_FILE} if an earlier start
   * wrote it, else generated ({@code random} bytes, base64url) and written there with mode 600
   * (through a temporary file moved into place, so a failed start leaves no half-written file).
   *
   * @param stateDir the state folder, existing
   * @param random the source of the token's 32 bytes (a {@link SecureRandom} in production)
   * @return the store of that one admin token, its file, and whether it was created now
   * @throws InvalidInputException if the file cannot be written or read
   */
  public static Generated adminToken(Path stateDir, RandomGenerator random) {
    Path file = stateDir.resolve(ADMIN_TOKEN_FILE);
    if (Files.exists(file)) {
      return new Generated(read(file), file, false);
    }
    byte[] bytes = new byte[GENERATED_BYTES];
    random.nextBytes(bytes);
    String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    Path tmp = null;
    try {
      tmp =
          Files.createTempFile(
              stateDir,
              "." + ADMIN_TOKEN_FILE + ".",
              ".tmp",
              PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      Files.writeString(
          tmp,
          "# the admin token of this state folder, generated by dnt serve; keep it secret\n"
              + "admin "
              + token
              + "\n",
          StandardCharsets.UTF_8);
      Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
      tmp = null;
    } catch (FileAlreadyExistsException e) {
      return new Generated(read(file), file, false);
    } catch (IOException | UnsupportedOperationException e) {
      throw new InvalidInputException(
          "cannot write the admin token to the state folder " + stateDir + ": " + e, e);
    } finally {
      if (tmp != null) {
        try {
          Files.deleteIfExists(tmp);
        } catch (IOException e) {
          // best effort: the temporary file of a failed start
        }
      }
    }
    return new Generated(read(file), file, true);
  }

  /**
   * Who presents a token: the entry it matches, a name for the token that is not the token itself
   * (the server's rate limit counts requests per entry), and its role.
   *
   * @param entry the matching entry's position in the store, from 0
   * @param role its role
   */
  public record Holder(int entry, Role role) {}

  /**
   * The role of a presented token.
   *
   * @param token the token as presented
   * @return its role, or empty if no entry matches
   */
  public Optional<Role> roleOf(String token) {
    return holderOf(token).map(Holder::role);
  }

  /**
   * The entry a presented token matches.
   *
   * @param token the token as presented
   * @return its entry and role, or empty if no entry matches
   */
  public Optional<Holder> holderOf(String token) {
    byte[] hash = sha256(token);
    Holder found = null;
    for (int i = 0; i < entries.size(); i++) {
      Entry e = entries.get(i);
      if (MessageDigest.isEqual(e.hash(), hash)) {
        found = new Holder(i, e.role()); // no early exit: every entry is compared
      }
    }
    return Optional.ofNullable(found);
  }

  /**
   * How many tokens the store holds.
   *
   * @return the count
   */
  public int size() {
    return entries.size();
  }

  private static byte[] sha256(String token) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("this Java runtime has no SHA-256", e);
    }
  }
}
