/** The {@code dnt demo} command and its subcommands. */
package dnt.cli.demo;
