// The command line: one executable, many commands (compute, export, bench,
// train, ...), none of which opens a window or needs a display. The
// commands and their options are documented in docs/command-line.md.
#pragma once

namespace app {

// What argv asks for.
enum class Invocation {
    Window,   // no argument, an existing file, or a Qt window option
    Command,  // a command, --help or --version
    Unknown,  // anything else: an error, never a window
};
Invocation classify(int argc, char** argv);

// Runs the command and returns the process exit status: 0 success, 1 an
// output file could not be written, 2 bad input (usage or input file).
int runCommand(int argc, char** argv);

// Prints "unknown command 'X'; see --help" and returns 2.
int reportUnknown(int argc, char** argv);

}  // namespace app
