using SupplyChain.Server;
using SupplyChain.Server.Cli;

// One executable: `serve` (the default), `import <path>`, `export`, `schema`. See README.
var verb = args.Length > 0 && !args[0].StartsWith('-') ? args[0] : "serve";
var rest = verb == "serve" && (args.Length == 0 || args[0].StartsWith('-')) ? args : args[1..];
return verb switch
{
    "serve" => await Serve.RunAsync(rest),
    "import" => await ImportCommand.RunAsync(rest),
    "export" => await ExportCommand.RunAsync(rest),
    "schema" => await SchemaCommand.RunAsync(rest),
    "keys" => await KeysCommand.RunAsync(rest),
    "review" => await ReviewCommand.RunAsync(rest),
    _ => Usage(verb),
};

static int Usage(string verb)
{
    Console.Error.WriteLine($"Unknown verb '{verb}'. Verbs: serve (default), import <path> [--dry-run], export [--what claims|brands|targets] [--format csv|json|ftm|csl|changes] [--since CURSOR] [--out FILE], schema [--out FILE], keys create|list|revoke, review list|merge ID|reject ID.");
    return 2;
}
