using System.Globalization;
using System.Runtime.InteropServices;

namespace GameServer.Persistence.Autosave;

/// <summary>
/// Lowers the calling thread's own scheduling priority: on Linux the nice value is per thread, so the save's
/// threads (encode, upload) can yield the CPU to the tick thread whenever both are runnable, while the tick
/// thread keeps the process's priority. Raising a nice value needs no privilege.
/// </summary>
/// <remarks>
/// Why: on a machine with few cores, a save's burst of runnable threads (the encoder, block uploads with their
/// checksums and socket copies) made the tick thread wait in the run queue; at a lower weight the scheduler
/// lets the woken tick thread run first. Elsewhere (not Linux) nothing changes and the reason is returned.
/// </remarks>
internal static partial class BackgroundNice
{
    private const int PrioProcess = 0;
    private const int LowestPriority = 19;

    /// <summary>
    /// Raises the calling thread's nice value by <paramref name="increment"/> (capped at 19). Returns the thread's
    /// nice value afterwards, or null with <paramref name="problem"/> saying why it could not be changed.
    /// </summary>
    public static int? LowerCurrentThread(int increment, out string? problem)
    {
        problem = null;
        if (!OperatingSystem.IsLinux())
        {
            problem = "thread priorities are lowered only on Linux";
            return null;
        }

        try
        {
            var tid = GetTid();
            var current = GetPriority(PrioProcess, tid);
            var errno = Marshal.GetLastPInvokeError();
            if (current == -1 && errno != 0)
            {
                problem = "getpriority failed: " + Marshal.GetPInvokeErrorMessage(errno);
                return null;
            }

            if (increment <= 0) return current;
            var target = Math.Min(LowestPriority, current + increment);
            if (SetPriority(PrioProcess, tid, target) != 0)
            {
                problem = string.Create(CultureInfo.InvariantCulture, $"setpriority to nice {target} failed: {Marshal.GetLastPInvokeErrorMessage()}");
                return null;
            }

            return target;
        }
        catch (Exception e) when (e is EntryPointNotFoundException or DllNotFoundException)
        {
            problem = "libc has no gettid/setpriority: " + e.Message;
            return null;
        }
    }

    /// <summary>The nice value of thread <paramref name="tid"/> of this process, from /proc (Linux); null elsewhere or when it is gone.</summary>
    public static int? NiceOf(int tid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/self/task/{tid}/stat");
            // Fields after the command name (which may contain spaces) start after the last ')'; nice is field 19.
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return int.Parse(fields[16], CultureInfo.InvariantCulture);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException)
        {
            return null;
        }
    }

    /// <summary>The calling thread's kernel id (Linux).</summary>
    public static int CurrentThreadId() => GetTid();

    [LibraryImport("libc", EntryPoint = "gettid")]
    private static partial int GetTid();

    [LibraryImport("libc", EntryPoint = "getpriority", SetLastError = true)]
    private static partial int GetPriority(int which, int who);

    [LibraryImport("libc", EntryPoint = "setpriority", SetLastError = true)]
    private static partial int SetPriority(int which, int who, int priority);
}
