// The command line of spec section 4: compute, export, bench, --help and
// --version. None of them opens a window or needs a display.
#pragma once

namespace app {

// True when argv asks for a command rather than the window.
bool isCommand(int argc, char** argv);

// Runs the command and returns the process exit status: 0 success, 1 an
// output file could not be written, 2 bad input (usage or scene).
int runCommand(int argc, char** argv);

}  // namespace app
