/** The {@code dnt cache} command and its subcommands. */
package dnt.cli.cache;
