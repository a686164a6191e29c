/** The {@code dnt data} command and its subcommands. */
@NullMarked
package dnt.cli.data;

import org.jspecify.annotations.NullMarked;
