package dnt.serve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dnt.core.InvalidInputException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Tokens files, the generated admin token, and roles. */
final class TokenStoreTest {
  @TempDir Path dir;

  private Path file(String text) throws Exception {
    Path f = dir.resolve("tokens.txt");
    Files.writeString(f, text);
    return f;
  }

  @Test
  void aTokensFileGivesEachTokenItsRole() throws Exception {
    TokenStore s = Fixtures.tokens(dir);
    assertThat(s.size()).isEqualTo(3);
    assertThat(s.roleOf(Fixtures.ADMIN)).contains(Role.ADMIN);
    assertThat(s.roleOf(Fixtures.OPERATOR)).contains(Role.OPERATOR);
    assertThat(s.roleOf(Fixtures.VIEWER)).contains(Role.VIEWER);
    assertThat(s.roleOf("someone-else-0123456789")).isEmpty();
    assertThat(s.roleOf("")).isEmpty();
  }

  @Test
  void rolesAreCaseInsensitiveAndOrdered() throws Exception {
    TokenStore s = TokenStore.read(file("  # comment\nOPERATOR   abcdefghijklmnopq  \n"));
    assertThat(s.roleOf("abcdefghijklmnopq")).contains(Role.OPERATOR);
    assertThat(Role.ADMIN.covers(Role.OPERATOR)).isTrue();
    assertThat(Role.OPERATOR.covers(Role.VIEWER)).isTrue();
    assertThat(Role.VIEWER.covers(Role.OPERATOR)).isFalse();
  }

  @Test
  void aBadLineIsAnErrorNamingFileAndLine() throws Exception {
    record Case(String text, int line, String what) {}
    for (Case c :
        List.of(
            new Case(
                "admin abcdefghijklmnopq\nroot abcdefghijklmnopqr\n", 2, "unknown role 'root'"),
            new Case("\n\nadmin\n", 3, "ROLE TOKEN"),
            new Case("admin short\n", 1, "shorter than 16"),
            new Case("admin a b c\n", 1, "ROLE TOKEN"),
            new Case("admin abcdefghijklmnopq\nviewer abcdefghijklmnopq\n", 2, "twice"))) {
      Path f = file(c.text());
      assertThatThrownBy(() -> TokenStore.read(f))
          .as(c.text())
          .isInstanceOf(InvalidInputException.class)
          .hasMessageContaining(f.toString())
          .hasMessageContaining("line " + c.line())
          .hasMessageContaining(c.what());
    }
    Path empty = file("# nothing\n");
    assertThatThrownBy(() -> TokenStore.read(empty)).hasMessageContaining("holds no token");
    assertThatThrownBy(() -> TokenStore.read(dir.resolve("missing.txt")))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("missing.txt");
  }

  @Test
  void theAdminTokenIsGeneratedOnceWithMode600AndReused() throws Exception {
    TokenStore.Generated first = TokenStore.adminToken(dir, new SecureRandom());
    assertThat(first.created()).isTrue();
    assertThat(first.file()).isEqualTo(dir.resolve(TokenStore.ADMIN_TOKEN_FILE));
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(first.file())))
        .isEqualTo("rw-------");
    String token = adminTokenIn(first.file());
    // 32 bytes base64url without padding: 43 characters of the URL-safe alphabet
    assertThat(Base64.getUrlDecoder().decode(token)).hasSize(32);
    assertThat(first.store().roleOf(token)).contains(Role.ADMIN);
    TokenStore.Generated second = TokenStore.adminToken(dir, new SecureRandom());
    assertThat(second.created()).isFalse();
    assertThat(second.store().roleOf(token)).contains(Role.ADMIN);
    assertThat(adminTokenIn(second.file())).isEqualTo(token);
    try (var files = Files.list(dir)) {
      assertThat(files.map(p -> p.getFileName().toString())).containsExactly("admin.token");
    }
  }

  @Test
  void theGeneratedTokenComesFromTheInjectedRandomness() throws Exception {
    byte[] expected = new byte[32];
    new Random(7).nextBytes(expected);
    TokenStore.Generated g = TokenStore.adminToken(dir, new Random(7));
    assertThat(adminTokenIn(g.file()))
        .isEqualTo(Base64.getUrlEncoder().withoutPadding().encodeToString(expected));
  }

  private static String adminTokenIn(Path file) throws Exception {
    return Files.readAllLines(file).stream()
        .filter(l -> l.startsWith("admin "))
        .map(l -> l.substring(6).strip())
        .findFirst()
        .orElseThrow();
  }
}
