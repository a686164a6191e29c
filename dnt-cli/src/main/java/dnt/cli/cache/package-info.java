/** The {@code dnt cache} command and its subcommands. */
@NullMarked
package dnt.cli.cache;

import org.jspecify.annotations.NullMarked;
