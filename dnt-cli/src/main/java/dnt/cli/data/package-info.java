/** The {@code dnt data} command and its subcommands. */
package dnt.cli.data;
