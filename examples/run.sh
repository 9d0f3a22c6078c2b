#!/usr/bin/env bash
# The outside consumer example, as a reader would use makemore-java from their own project:
#   1. install the reactor (-DskipTests) into a fresh local Maven repository in a temporary folder,
#      and check that every library module left its jar (with module-info.class), sources jar and
#      javadoc jar there, and the BOM its pom;
#   2. build examples/consumer (its own pom.xml: imports makemore-bom, depends on makemore-layers)
#      against that repository only;
#   3. run it on the class path, then on the module path with no --add-modules.
# Usage: examples/run.sh     (JAVA_HOME picks the JDK; needs Maven Central, like ./mvnw)
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd -P)
work=$(mktemp -d "${TMPDIR:-/tmp}/makemore-examples.XXXXXX")
trap 'rm -rf "$work"' EXIT
repo="$work/m2"
java="${JAVA_HOME:+$JAVA_HOME/bin/}java"
# The version being built (the BOM's, which BomTest keeps equal to the parent's).
version=$(sed -n 's:^  <version>\(.*\)</version>$:\1:p' "$root/bom/pom.xml")

mvn() { "$root/mvnw" -B -q -Dmaven.repo.local="$repo" "$@"; }

echo "=== examples: installing makemore-java into a fresh repository ($repo)"
mvn -f "$root/pom.xml" -DskipTests install

for module in core autograd layers diagnostics training; do
  base="$repo/dev/makemore/makemore-$module/$version/makemore-$module-$version"
  for jar in "$base.jar" "$base-sources.jar" "$base-javadoc.jar"; do
    [ -s "$jar" ] || { echo "examples: install left no $jar" >&2; exit 1; }
  done
  unzip -l "$base.jar" module-info.class >/dev/null || { echo "examples: $base.jar has no module-info.class" >&2; exit 1; }
done
[ -s "$repo/dev/makemore/makemore-bom/$version/makemore-bom-$version.pom" ] || { echo "examples: no makemore-bom installed" >&2; exit 1; }
echo "installed: jar (with module-info.class), sources and javadoc jars of core, autograd, layers, diagnostics, training; makemore-bom"

echo "=== examples: building examples/consumer against it"
consumer="$root/examples/consumer"
mvn -f "$consumer/pom.xml" -Dmakemore.version="$version" clean package
jar="$consumer/target/makemore-consumer-1.0.jar"
lib="$consumer/target/lib"

echo "=== examples: consumer on the class path"
"$java" --add-modules jdk.incubator.vector -cp "$jar:$lib/*" dev.makemore.examples.consumer.Consumer \
  | tee "$work/classpath.out"
grep -q "on the class path" "$work/classpath.out"

echo "=== examples: consumer on the module path (no --add-modules)"
"$java" --module-path "$jar:$lib" --module dev.makemore.examples.consumer/dev.makemore.examples.consumer.Consumer \
  | tee "$work/modulepath.out"
grep -q "on the module path as dev.makemore.examples.consumer" "$work/modulepath.out"

echo "=== examples: ok"
