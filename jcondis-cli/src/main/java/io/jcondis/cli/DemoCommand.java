package io.jcondis.cli;

import picocli.CommandLine.Command;

import java.util.concurrent.Callable;

/** Placeholder replaced by the demo command's owner. */
@Command(name = "demo", description = "(being written)")
final class DemoCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        System.err.println("jcondis demo: not built yet");
        return 2;
    }
}
