/** The {@code dnt twin} command and its subcommands. */
package dnt.cli.twin;
