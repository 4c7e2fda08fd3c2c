using SegBench.Generator.Schema;
using YamlDotNet.RepresentationModel;

namespace SegBench.Cli;

/// <summary>A shipped schema: its name, file and one-line description.</summary>
/// <param name="Name">The name <c>--schema</c> accepts: the file name without <c>.yaml</c>.</param>
/// <param name="Path">The schema file.</param>
/// <param name="Description">The top-level <c>description:</c>, else the file's first comment line, else empty.</param>
public sealed record CatalogEntry(string Name, string Path, string Description);

/// <summary>
/// Finds schemas by path or by the name of a shipped schema. A name is looked up in
/// <c>./schemas/</c>, then in the program's own <c>schemas/</c> folder, then in the <c>schemas/</c>
/// folder of the nearest enclosing checkout (the folder holding <c>SegBench.sln</c>).
/// </summary>
public sealed class SchemaCatalog
{
    private const string SolutionFile = "SegBench.sln";
    private readonly string _currentDirectory;
    private readonly string _applicationDirectory;

    /// <summary>A catalog for the process's current folder and the program's folder.</summary>
    public SchemaCatalog()
        : this(Directory.GetCurrentDirectory(), AppContext.BaseDirectory)
    {
    }

    /// <summary>A catalog for explicit folders.</summary>
    public SchemaCatalog(string currentDirectory, string applicationDirectory)
    {
        ArgumentException.ThrowIfNullOrEmpty(currentDirectory);
        ArgumentException.ThrowIfNullOrEmpty(applicationDirectory);
        _currentDirectory = Path.GetFullPath(currentDirectory);
        _applicationDirectory = Path.GetFullPath(applicationDirectory);
    }

    /// <summary>The folders searched for shipped schemas, in order, that exist.</summary>
    public IReadOnlyList<string> SearchFolders
    {
        get
        {
            var folders = new List<string> { Path.Combine(_currentDirectory, "schemas"), Path.Combine(_applicationDirectory, "schemas") };
            for (var folder = new DirectoryInfo(_currentDirectory); folder is not null; folder = folder.Parent)
            {
                if (File.Exists(Path.Combine(folder.FullName, SolutionFile)))
                {
                    folders.Add(Path.Combine(folder.FullName, "schemas"));
                    break;
                }
            }

            return folders.Distinct(StringComparer.Ordinal).Where(Directory.Exists).ToArray();
        }
    }

    /// <summary>
    /// The schema file for a path or a shipped schema's name. An existing file wins; otherwise the
    /// name is looked up in <see cref="SearchFolders"/>.
    /// </summary>
    /// <exception cref="FileNotFoundException">Neither a file nor a shipped schema has that name.</exception>
    public string Resolve(string nameOrPath)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(nameOrPath);
        var asPath = Path.GetFullPath(nameOrPath, _currentDirectory);
        if (File.Exists(asPath))
        {
            // Keep the spelling the user typed, so schema errors cite the path they know.
            return asPath == Path.GetFullPath(nameOrPath) ? nameOrPath : asPath;
        }

        var looksLikePath = nameOrPath.Contains('/') || nameOrPath.Contains('\\') || nameOrPath.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase) || nameOrPath.EndsWith(".yml", StringComparison.OrdinalIgnoreCase);
        if (!looksLikePath)
        {
            foreach (var folder in SearchFolders)
            {
                var candidate = Path.Combine(folder, nameOrPath + ".yaml");
                if (File.Exists(candidate))
                {
                    return Display(candidate);
                }
            }
        }

        var shipped = List().Select(e => e.Name).ToArray();
        var known = shipped.Length == 0 ? "no shipped schemas were found" : $"shipped schemas: {string.Join(", ", shipped)}";
        throw new FileNotFoundException(looksLikePath
            ? $"schema file '{nameOrPath}' does not exist."
            : $"schema '{nameOrPath}' is neither a file nor a shipped schema ({known}).");
    }

    /// <summary>The shipped schemas, by name; a name found in an earlier folder hides later ones.</summary>
    public IReadOnlyList<CatalogEntry> List()
    {
        var entries = new Dictionary<string, CatalogEntry>(StringComparer.Ordinal);
        foreach (var folder in SearchFolders)
        {
            foreach (var file in Directory.GetFiles(folder, "*.yaml").Order(StringComparer.Ordinal))
            {
                var name = Path.GetFileNameWithoutExtension(file);
                if (!entries.ContainsKey(name))
                {
                    entries[name] = new CatalogEntry(name, Display(file), DescriptionOf(file));
                }
            }
        }

        return entries.Values.OrderBy(e => e.Name, StringComparer.Ordinal).ToArray();
    }

    /// <summary>
    /// Loads a schema file. YamlDotNet's scanner throws a bare <see cref="InvalidOperationException"/>
    /// on some unclosed flow collections (e.g. <c>{ a: b</c> followed by more keys), which the loader
    /// does not catch; it is reported here as the schema error it is.
    /// </summary>
    public static DatasetSchema Load(string path)
    {
        try
        {
            return SchemaLoader.Load(path);
        }
        catch (InvalidOperationException error) when (error.TargetSite?.DeclaringType?.Namespace?.StartsWith("YamlDotNet", StringComparison.Ordinal) == true)
        {
            throw new SchemaException(new SourceLocation(path, 1, 1), "not valid YAML: the parser stopped without giving a position; look for an unclosed '{' or '['.", error);
        }
    }

    /// <summary>A schema's top-level <c>description:</c>, else its first comment line; empty if it has neither or cannot be read.</summary>
    internal static string DescriptionOf(string path)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (IOException)
        {
            return string.Empty;
        }

        try
        {
            var stream = new YamlStream();
            stream.Load(new StringReader(text));
            if (stream.Documents.Count > 0
                && stream.Documents[0].RootNode is YamlMappingNode mapping
                && mapping.Children.TryGetValue(new YamlScalarNode("description"), out var description)
                && description is YamlScalarNode { Value: { Length: > 0 } value })
            {
                return value.Trim();
            }
        }
        catch (YamlDotNet.Core.YamlException)
        {
            // A broken schema still gets listed; `schema validate` explains what is wrong with it.
        }

        var comment = text.Split('\n').Select(l => l.Trim()).FirstOrDefault(l => l.Length > 0);
        return comment is not null && comment.StartsWith('#') ? comment.TrimStart('#').Trim() : string.Empty;
    }

    // Relative to the working folder when inside it: shorter in messages, and still valid to open.
    private string Display(string path)
    {
        if (_currentDirectory != Path.GetFullPath(Directory.GetCurrentDirectory()))
        {
            return path;
        }

        var relative = Path.GetRelativePath(_currentDirectory, path);
        return relative.StartsWith("..", StringComparison.Ordinal) || Path.IsPathRooted(relative) ? path : relative;
    }
}
