/**
 * The build's version, a leaf package: the top-level command and the subcommands that record the
 * version in their outputs both use it, without depending on each other.
 */
@NullMarked
package dnt.cli.version;

import org.jspecify.annotations.NullMarked;
