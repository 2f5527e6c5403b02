// satupintu: one binary for the server and its administration commands (see app/commands.hpp).
#include <malloc.h>

#include "app/commands.hpp"

int main(int argc, char** argv) {
    // Keep freed memory for reuse instead of handing it back to the kernel at once: SQLite's
    // statement journals take and return a 1 MB block per write, and on a VM every page faulted back
    // in costs more than the write itself (seen: a tenth of the writer's time). Memory still goes
    // back above 64 MB of free heap, and large blocks (> 16 MB) are still mapped on their own.
    mallopt(M_MMAP_THRESHOLD, 16 << 20);
    mallopt(M_TRIM_THRESHOLD, 64 << 20);
    return satupintu::app::RunCli(argc, argv);
}
