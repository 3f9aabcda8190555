package io.jcondis.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code jcondis} command. The project's entry point (the node module's {@code NodeMain} is the other main:
 * it lets {@code NodeProcess} start a node without the CLI).
 */
@Command(name = "jcondis", mixinStandardHelpOptions = true, version = "jcondis 0.1.0",
        description = "User-space CoNDIS and NDIS WAN/TAPI runtime.",
        subcommands = {DemoCommand.class, RunCommand.class, NodeCommand.class, ListenCommand.class,
            CallCommand.class, SendCommand.class, DropCommand.class, ShowCommand.class, StopCommand.class})
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
