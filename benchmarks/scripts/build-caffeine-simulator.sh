#!/usr/bin/env bash
# Builds the Caffeine simulator (ben-manes/caffeine, module `simulator`) without Gradle, for
# benchmarks/cache-replay-vs-caffeine.sh (issue 16: the replay against the simulator in the same
# run). Gradle needs its plugins from the Gradle plugin portal, which an offline or Maven-Central-only
# machine cannot reach; the simulator itself needs only javac and its libraries, all on Maven Central.
#
# What it does, in OUT_DIR:
#   1. reads the library versions of the checkout's gradle/libs.versions.toml (the simulator's
#      dependencies as simulator/build.gradle.kts lists them) and Caffeine's own version from its
#      build.gradle.kts, and writes a throwaway pom.xml that declares them (Caffeine itself from
#      Maven Central at the checkout's version: the simulator uses only its public API);
#   2. resolves them with `mvn dependency:copy-dependencies` into OUT_DIR/lib (offline first, then
#      from Maven Central if the local repository lacks some);
#   3. compiles simulator/src/main/java with the checkout's Java (25 for v3.2.3: the build's
#      toolchain is max(its language version, 25)) into OUT_DIR/classes and copies
#      simulator/src/main/resources/reference.conf beside the classes (the bundled traces are not
#      copied: the benchmark passes its own trace);
#   4. writes OUT_DIR/bin/simulator, a start script like Gradle's installDist one: it runs
#      com.github.benmanes.caffeine.cache.simulator.Simulator with $JAVA_HOME/bin/java (the Java of
#      the build if JAVA_HOME is unset), -Xmx4g as the Gradle build's run task does, and $JAVA_OPTS
#      (where the benchmark passes its -Dcaffeine.simulator.* settings).
#
# Usage: benchmarks/scripts/build-caffeine-simulator.sh CHECKOUT_DIR OUT_DIR
#   CHECKOUT_DIR: a checkout of https://github.com/ben-manes/caffeine, e.g. at tag v3.2.3
#     (`git clone --branch v3.2.3 --depth 1 https://github.com/ben-manes/caffeine`); only
#     simulator/src/main, gradle/libs.versions.toml and build.gradle.kts are read.
#   OUT_DIR: created if absent; the start script is OUT_DIR/bin/simulator.
# Environment: CAFFEINE_JAVA_HOME (the JDK to compile and run with; default
#   /usr/lib/jvm/temurin-25-jdk-amd64), MVN (default mvn).
# Then: CAFFEINE_SIMULATOR=OUT_DIR/bin/simulator CAFFEINE_JAVA_HOME=... \
#   benchmarks/cache-replay-vs-caffeine.sh
set -euo pipefail
if [ $# -ne 2 ]; then
  echo "usage: $0 CHECKOUT_DIR OUT_DIR" >&2
  exit 2
fi
checkout="$(cd "$1" && pwd)"
mkdir -p "$2"
out="$(cd "$2" && pwd)"
jdk="${CAFFEINE_JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
mvn="${MVN:-mvn}"
toml="$checkout/gradle/libs.versions.toml"
src="$checkout/simulator/src/main/java"
for f in "$toml" "$src" "$checkout/build.gradle.kts" "$checkout/simulator/src/main/resources/reference.conf"; do
  if [ ! -e "$f" ]; then
    echo "$f is missing: CHECKOUT_DIR must be a checkout of ben-manes/caffeine" >&2
    exit 2
  fi
done
if [ ! -x "$jdk/bin/javac" ]; then
  echo "no javac in $jdk: set CAFFEINE_JAVA_HOME to a JDK 25 or newer" >&2
  exit 2
fi
javac_major="$("$jdk/bin/javac" -version 2>&1 | sed -n 's/^javac \([0-9][0-9]*\).*/\1/p')"
if [ -z "$javac_major" ] || [ "$javac_major" -lt 25 ]; then
  echo "$jdk/bin/javac is not Java 25 or newer (the simulator's toolchain is 25)" >&2
  exit 2
fi

# Caffeine's version: version(major = 3, minor = 2, patch = 3, ...) in build.gradle.kts
part() { sed -n "s/^ *$1 = \([0-9][0-9]*\).*/\1/p" "$checkout/build.gradle.kts" | head -1; }
caffeine_version="$(part major).$(part minor).$(part patch)"
if ! [[ "$caffeine_version" =~ ^[0-9]+\.[0-9]+\.[0-9]+$ ]]; then
  echo "cannot read Caffeine's version from $checkout/build.gradle.kts" >&2
  exit 2
fi
# A version of gradle/libs.versions.toml's [versions] table, by its alias
version() {
  local v
  v="$(awk -v k="$1" '/^\[/ {s = ($0 == "[versions]")} s && $1 == k && $2 == "=" {gsub(/"/, "", $3); print $3; exit}' "$toml")"
  if [ -z "$v" ]; then
    echo "no version '$1' in $toml" >&2
    exit 2
  fi
  printf '%s' "$v"
}

# The simulator's dependencies (simulator/build.gradle.kts): alias of the version in the toml,
# group, artifact, scope, and the transitive dependencies to leave out (group:artifact, comma
# separated, * for any; - for none), so that the class path is the one Gradle resolves:
# - ycsb without its transitive dependencies, as the Gradle build declares it;
# - Ehcache without JAXB (XML configuration only, unused by the simulator): its Maven POM asks for a
#   JAXB build from repositories that no longer exist, where Gradle reads Ehcache's module metadata;
# - stream without fastutil 8.1.1 and its slf4j-api 1.7.10: Maven takes the nearest version where
#   Gradle takes the highest, so fastutil-core and slf4j-api come at the toml's versions instead
#   (stream uses only fastutil's longs package, which fastutil-core holds).
deps=(
  "xz org.tukaani xz compile -"
  "ycsb site.ycsb core compile *:*"
  "zstd com.github.luben zstd-jni compile -"
  "guava com.google.guava guava compile -"
  "config com.typesafe config compile -"
  "stream com.clearspring.analytics stream compile it.unimi.dsi:fastutil,org.slf4j:slf4j-api"
  "tcache com.trivago triava compile -"
  "cache2k org.cache2k cache2k-core compile -"
  "fastcsv de.siegmar fastcsv compile -"
  "picocli info.picocli picocli compile -"
  "ehcache3 org.ehcache ehcache compile org.glassfish.jaxb:*,javax.xml.bind:*"
  "fastutil it.unimi.dsi fastutil-core compile -"
  "hazelcast com.hazelcast hazelcast compile -"
  "jfreechart org.jfree jfreechart compile -"
  "fast-filter io.github.fastfilter fastfilter compile -"
  "flip-tables com.jakewharton.fliptables fliptables compile -"
  "expiring-map net.jodah expiringmap compile -"
  "commons-lang3 org.apache.commons commons-lang3 compile -"
  "commons-math3 org.apache.commons commons-math3 compile -"
  "commons-compress org.apache.commons commons-compress compile -"
  "coherence com.oracle.coherence.ce coherence compile -"
  "json-bind javax.json.bind javax.json.bind-api compile -"
  "slf4j org.slf4j slf4j-api compile -"
  "slf4j org.slf4j slf4j-jdk-platform-logging compile -"
  "slf4j org.slf4j slf4j-jdk14 compile -"
  "zero-allocation-hashing net.openhft zero-allocation-hashing compile -"
  "spotbugs com.github.spotbugs spotbugs-annotations provided -"
)
{
  cat <<EOF
<?xml version="1.0" encoding="UTF-8"?>
<!-- Written by dnt's benchmarks/scripts/build-caffeine-simulator.sh from $toml -->
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>local.dnt</groupId>
  <artifactId>caffeine-simulator-deps</artifactId>
  <version>$caffeine_version</version>
  <packaging>pom</packaging>
  <dependencies>
    <dependency>
      <groupId>com.github.ben-manes.caffeine</groupId>
      <artifactId>caffeine</artifactId>
      <version>$caffeine_version</version>
    </dependency>
EOF
  for d in "${deps[@]}"; do
    read -r alias group artifact scope excluded <<<"$d"
    echo "    <dependency>"
    echo "      <groupId>$group</groupId>"
    echo "      <artifactId>$artifact</artifactId>"
    v="$(version "$alias")" # an assignment, so that a missing alias stops the script (set -e)
    echo "      <version>$v</version>"
    echo "      <scope>$scope</scope>"
    if [ "$excluded" != - ]; then
      echo "      <exclusions>"
      IFS=, read -r -a exclusions <<<"$excluded"
      for e in "${exclusions[@]}"; do
        echo "        <exclusion><groupId>${e%%:*}</groupId><artifactId>${e#*:}</artifactId></exclusion>"
      done
      echo "      </exclusions>"
    fi
    echo "    </dependency>"
  done
  cat <<EOF
  </dependencies>
</project>
EOF
} >"$out/pom.xml"

echo "Caffeine $caffeine_version: resolving the simulator's libraries into $out/lib" >&2
rm -rf "$out/lib" "$out/classes"
copy=(dependency:copy-dependencies -DoutputDirectory="$out/lib" -DincludeScope=runtime)
if ! (cd "$out" && "$mvn" -o -B -q "${copy[@]}") >"$out/mvn.log" 2>&1; then
  echo "  not all in the local repository; resolving from Maven Central" >&2
  (cd "$out" && "$mvn" -B -q "${copy[@]}") >"$out/mvn.log" 2>&1 || {
    cat "$out/mvn.log" >&2
    exit 1
  }
fi
# provided (compile-only) libraries: on javac's class path, not the run's
mkdir -p "$out/compile-only"
(cd "$out" && "$mvn" -o -B -q dependency:copy-dependencies -DoutputDirectory="$out/compile-only" \
  -DincludeScope=provided -DexcludeTransitive=true) >>"$out/mvn.log" 2>&1 || {
  cat "$out/mvn.log" >&2
  exit 1
}

echo "compiling $src with $("$jdk/bin/javac" -version 2>&1)" >&2
find "$src" -name '*.java' >"$out/sources.txt"
mkdir -p "$out/classes"
# Gradle's compile options for the module (java-library.caffeine, simulator/build.gradle.kts),
# without Error Prone and NullAway (static checks only) and without -Werror
"$jdk/bin/javac" -encoding UTF-8 -parameters -nowarn -Xlint:none -proc:none \
  -cp "$out/lib/*:$out/compile-only/*" -d "$out/classes" @"$out/sources.txt"
cp "$checkout/simulator/src/main/resources/reference.conf" "$out/classes/"

mkdir -p "$out/bin"
cat >"$out/bin/simulator" <<'EOF'
#!/usr/bin/env bash
# Start script of the Caffeine simulator built by dnt's build-caffeine-simulator.sh:
# JAVA_HOME (default: the JDK it was built with), JAVA_OPTS (e.g. -Dcaffeine.simulator.*), args.
set -euo pipefail
home="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
java_home="${JAVA_HOME:-@JDK@}"
# shellcheck disable=SC2086 # JAVA_OPTS is a list of options, split as Gradle's start scripts do
exec "$java_home/bin/java" -Xmx4g ${JAVA_OPTS:-} -cp "$home/classes:$home/lib/*" \
  com.github.benmanes.caffeine.cache.simulator.Simulator "$@"
EOF
sed -i "s|@JDK@|$jdk|" "$out/bin/simulator"
chmod +x "$out/bin/simulator"
echo "$out/bin/simulator ($(wc -l <"$out/sources.txt") sources, $(ls "$out/lib" | wc -l) libraries)"
