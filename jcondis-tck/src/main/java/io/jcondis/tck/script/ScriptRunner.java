package io.jcondis.tck.script;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/** Finds scripts: a file is itself; a directory gives every {@code *.jcs} below it, sorted by path. */
public final class ScriptRunner {
    private ScriptRunner() {
    }

    /**
     * @param root a script file or a directory
     * @return the scripts, sorted
     * @throws NoSuchFileException if {@code root} does not exist
     */
    public static List<Path> collect(Path root) throws NoSuchFileException {
        if (!Files.exists(root)) {
            throw new NoSuchFileException(root.toString());
        }
        if (!Files.isDirectory(root)) {
            return List.of(root);
        }
        List<Path> out = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(root)) {
            walk.filter(p -> Files.isRegularFile(p) && p.getFileName().toString().endsWith(ScriptEngine.EXTENSION))
                    .sorted(Comparator.comparing(Path::toString))
                    .forEach(out::add);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }
}
