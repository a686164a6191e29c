/** The {@code dnt aggregate} command and its subcommands. */
package dnt.cli.aggregate;
