using System.Xml;
using System.Xml.Linq;

namespace SupplyChain.Import.Readers;

/// <summary>
/// XML records (the US Department of Labor's goods list): each element at the manifest's path is a row; its leaf
/// children are columns, and so are the leaf children of its ancestors (a country listing carries its good's name).
/// </summary>
public static class XmlRows
{
    public static IEnumerable<SourceRow> Read(string path, Manifest manifest, List<ImportError> errors)
    {
        var name = Path.GetFileName(path);
        var size = new FileInfo(path).Length;
        if (size > manifest.Limits.MaxFileBytes) { errors.Add(new ImportError(name, null, null, $"the file is {size} bytes; the limit is {manifest.Limits.MaxFileBytes}")); yield break; }
        XDocument doc;
        try
        {
            using var reader = XmlReader.Create(path, new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null });
            doc = XDocument.Load(reader, LoadOptions.SetLineInfo);
        }
        catch (XmlException e)
        {
            errors.Add(new ImportError(name, e.LineNumber, e.LinePosition, $"not well-formed XML: {e.Message}"));
            yield break;
        }
        var steps = (manifest.Xml?.Items ?? "").Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (steps.Length == 0 || doc.Root is null || doc.Root.Name.LocalName != steps[0])
        {
            errors.Add(new ImportError(name, null, null, $"no elements at '{manifest.Xml?.Items}' (the root is '{doc.Root?.Name.LocalName}')"));
            yield break;
        }
        IEnumerable<XElement> items = [doc.Root];
        foreach (var step in steps.Skip(1)) items = items.Elements().Where(e => e.Name.LocalName == step);
        var n = 0;
        foreach (var item in items)
        {
            n++;
            var fields = new Dictionary<string, string>();
            foreach (var e in new[] { item }.Concat(item.Ancestors()))
                foreach (var leaf in e.Elements().Where(c => !c.HasElements))
                    fields.TryAdd(leaf.Name.LocalName, leaf.Value.Trim());
            if (n > manifest.Limits.MaxRows) { errors.Add(new ImportError(name, null, null, $"more than {manifest.Limits.MaxRows} items")); yield break; }
            var line = ((IXmlLineInfo)item).HasLineInfo() ? ((IXmlLineInfo)item).LineNumber : n;
            yield return new SourceRow(path, line, $"item {n} (line {line})", SourceRow.BuildHeader(fields.Keys), fields.Values.ToArray()) { Sparse = true };
        }
        if (n == 0) errors.Add(new ImportError(name, null, null, $"no elements at '{manifest.Xml?.Items}'"));
    }
}
