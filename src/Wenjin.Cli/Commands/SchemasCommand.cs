using System.CommandLine;
using Wenjin.Hosting.Extraction;

namespace Wenjin.Cli.Commands;

/// <summary>
/// <c>wenjin schemas [--json]</c> lists the extraction schemas; <c>wenjin schemas show NAME</c> prints one as JSON Schema
/// (a starting point for a user schema in DATA/schemas/NAME.schema.json).
/// </summary>
internal static class SchemasCommand
{
    public static Command Create(CliContext context)
    {
        var json = new Option<bool>("--json") { Description = "Print JSON." };
        var command = new Command("schemas", "List the extraction schemas (built-in and DATA/schemas/*.schema.json).") { json };
        command.SetAction((parse, ct) => context.RunAsync(parse, async service =>
        {
            var schemas = await service.ListSchemasAsync(ct);
            if (parse.GetValue(json))
            {
                CliContext.WriteJson(schemas);
                return 0;
            }

            foreach (var schema in schemas)
            {
                string required = string.Join("、", schema.Fields.Where(f => f.Required).Select(f => f.Name));
                await CliContext.Out.WriteLineAsync($"{schema.Name}\t{schema.Title}\t{(schema.BuiltIn ? "built-in" : "user")}\t{string.Join("、", schema.Fields.Select(f => f.Name))}\t(required: {required})");
            }

            return 0;
        }));

        var name = new Argument<string>("NAME") { Description = "Schema name." };
        var show = new Command("show", "Print a schema as JSON Schema.") { name };
        show.SetAction((parse, ct) => context.RunAsync(parse, async _ =>
        {
            var schema = SchemaCatalog.ForDataDirectory(context.DataDirectory(parse)).Get(parse.GetValue(name)!);
            await CliContext.Out.WriteLineAsync(new JsonSchemaWriter().WriteText(schema));
            return 0;
        }));
        command.Subcommands.Add(show);
        return command;
    }
}
