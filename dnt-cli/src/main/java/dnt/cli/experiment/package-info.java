/** The {@code dnt experiment} command and its subcommands. */
package dnt.cli.experiment;
