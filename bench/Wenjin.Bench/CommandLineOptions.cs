using System.Globalization;

namespace Wenjin.Bench;

/// <summary>
/// Hand-parsed arguments: a command word followed by <c>--name value</c> options and bare <c>--flag</c> switches.
/// Every problem is reported as a <see cref="FormatException"/> whose message is shown above the usage text.
/// </summary>
internal sealed class CommandLineOptions
{
    private static readonly HashSet<string> Switches = ["save-baseline", "help"];

    private readonly Dictionary<string, string> _values;
    private readonly HashSet<string> _switches;

    private CommandLineOptions(string command, Dictionary<string, string> values, HashSet<string> switches)
    {
        Command = command;
        _values = values;
        _switches = switches;
    }

    public string Command { get; }

    public static CommandLineOptions Parse(IReadOnlyList<string> args, IReadOnlyDictionary<string, string[]> allowedOptionsByCommand)
    {
        if (args.Count == 0)
        {
            throw new FormatException("No command given.");
        }

        string command = args[0];
        if (command is "-h" or "--help" or "help")
        {
            return new CommandLineOptions("help", [], []);
        }

        if (!allowedOptionsByCommand.TryGetValue(command, out string[]? allowed))
        {
            throw new FormatException($"Unknown command '{command}'.");
        }

        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        var switches = new HashSet<string>(StringComparer.Ordinal);
        for (int i = 1; i < args.Count; i++)
        {
            string token = args[i];
            if (!token.StartsWith("--", StringComparison.Ordinal) || token.Length == 2)
            {
                throw new FormatException($"Unexpected argument '{token}'.");
            }

            string name = token[2..];
            if (!allowed.Contains(name) && name != "help")
            {
                throw new FormatException($"Option --{name} is not valid for '{command}'.");
            }

            if (Switches.Contains(name))
            {
                switches.Add(name);
                continue;
            }

            if (i + 1 >= args.Count || args[i + 1].StartsWith("--", StringComparison.Ordinal))
            {
                throw new FormatException($"Option --{name} needs a value.");
            }

            values[name] = args[++i];
        }

        return new CommandLineOptions(switches.Contains("help") ? "help" : command, values, switches);
    }

    public bool Has(string flag) => _switches.Contains(flag);

    public string? Value(string name) => _values.GetValueOrDefault(name);

    public string Required(string name) => Value(name) ?? throw new FormatException($"Option --{name} is required.");

    public int? PositiveInt(string name) => Value(name) is { } text ? ParsePositive(name, text) : null;

    public double? PositiveNumber(string name)
    {
        if (Value(name) is not { } text)
        {
            return null;
        }

        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double value) && value > 0
            ? value
            : throw new FormatException($"Option --{name} needs a positive number, got '{text}'.");
    }

    private static int ParsePositive(string name, string text) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out int value) && value > 0
            ? value
            : throw new FormatException($"Option --{name} needs a positive integer, got '{text}'.");
}
