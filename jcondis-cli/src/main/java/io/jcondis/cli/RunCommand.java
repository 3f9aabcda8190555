package io.jcondis.cli;

import picocli.CommandLine.Command;

import java.util.concurrent.Callable;

/** Placeholder replaced by the run command's owner. */
@Command(name = "run", description = "(being written)")
final class RunCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        System.err.println("jcondis run: not built yet");
        return 2;
    }
}
