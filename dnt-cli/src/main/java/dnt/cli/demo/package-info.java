/** The {@code dnt demo} command and its subcommands. */
@NullMarked
package dnt.cli.demo;

import org.jspecify.annotations.NullMarked;
