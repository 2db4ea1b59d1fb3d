// Package harden makes the running process harder to read from outside:
// no core files, and, where the system allows it, no debugger or memory
// reader attaching without administrator rights. Both binaries call
// [Process] first thing in main, before any secret is in memory.
//
// What each system allows:
//
//   - Linux: the process is made non-dumpable (prctl PR_SET_DUMPABLE 0),
//     so other processes of the same user cannot ptrace it or read
//     /proc/PID/mem, environ or maps, and the kernel writes no core file;
//     RLIMIT_CORE is also set to 0, for the core pipe handlers (systemd-
//     coredump, apport) that look at the limit. root, or a process with
//     CAP_SYS_PTRACE, can still read it.
//   - macOS: RLIMIT_CORE 0 and ptrace(PT_DENY_ATTACH), which refuses
//     debuggers (as KeePassXC does). Task ports remain an administrator's.
//   - Other Unix systems: RLIMIT_CORE 0.
//   - Windows: the process's access list lets other processes of the same
//     user only wait for it, ask its name and end it: not read or write
//     its memory, inject a thread, or change that list (the owner's
//     implicit right to do so is taken away too), as KeePassXC does.
//     Windows Error Reporting is told not to show its crash dialog
//     (SetErrorMode). Administrators and SYSTEM keep full access, and a
//     crash dump configured system-wide (WER LocalDumps) cannot be turned
//     off by the process itself.
package harden

// Process applies the hardening this system supports to the running
// process. It returns what failed, if anything; the steps that worked stay
// applied, and a caller may carry on (a weaker process is better than none).
func Process() error { return process() }
