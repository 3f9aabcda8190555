package io.jcondis.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code jcondis} command. The only class in the project with a main method. */
@Command(name = "jcondis", mixinStandardHelpOptions = true, version = "jcondis 0.1.0",
        description = "User-space CoNDIS and NDIS WAN/TAPI runtime.",
        subcommands = {DemoCommand.class, RunCommand.class})
public final class Main implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** @param args command line */
    public static void main(String[] args) {
        System.exit(execute(args));
    }

    /** Runs the command line and returns the exit status (tests call this). */
    public static int execute(String... args) {
        return new CommandLine(new Main()).execute(args);
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
