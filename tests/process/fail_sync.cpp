// Test-only LD_PRELOAD shim: fdatasync fails with EIO while the file named by
// SATUPINTU_FAIL_SYNC_FLAG exists, the way a failing disk answers (used by storage_fault_test.sh).
#include <dlfcn.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>

extern "C" int fdatasync(int fd) {
    using Sync = int (*)(int);
    static const Sync real = reinterpret_cast<Sync>(::dlsym(RTLD_NEXT, "fdatasync"));
    const char* flag = std::getenv("SATUPINTU_FAIL_SYNC_FLAG");
    if (flag && ::access(flag, F_OK) == 0) {
        errno = EIO;
        return -1;
    }
    return real(fd);
}
