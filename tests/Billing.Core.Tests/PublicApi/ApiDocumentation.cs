using System.Reflection;
using System.Text;
using System.Xml.Linq;

namespace Billing.Core.Tests.PublicApi;

/// <summary>
/// Reads the XML documentation file the compiler writes next to an assembly (<c>GenerateDocumentationFile</c>) and answers which
/// exceptions a member documents with <c>&lt;exception cref="…"/&gt;</c>, following <c>&lt;inheritdoc/&gt;</c> to the member it
/// names, the interface member it implements or the member it overrides.
/// </summary>
internal sealed class ApiDocumentation
{
    private readonly Dictionary<string, XElement> _members;

    private ApiDocumentation(Dictionary<string, XElement> members) => _members = members;

    /// <summary>The documentation of <paramref name="assembly"/>, read from the <c>.xml</c> file beside it.</summary>
    public static ApiDocumentation Of(Assembly assembly)
    {
        var path = Path.ChangeExtension(assembly.Location, ".xml");
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"No XML documentation beside {assembly.Location}; is GenerateDocumentationFile on?", path);
        }

        var members = XDocument.Load(path).Root!.Element("members")!.Elements("member")
            .ToDictionary(m => (string)m.Attribute("name")!, StringComparer.Ordinal);
        return new ApiDocumentation(members);
    }

    /// <summary>Whether the file documents the member at all.</summary>
    public bool IsDocumented(MethodBase member) => _members.ContainsKey(Id(member));

    /// <summary>The full names of the exception types the member documents (directly or through <c>inheritdoc</c>).</summary>
    public IReadOnlySet<string> ExceptionsOf(MethodBase member)
    {
        var found = new HashSet<string>(StringComparer.Ordinal);
        Collect(member, Id(member), found, depth: 0);
        return found;
    }

    private void Collect(MethodBase? member, string id, HashSet<string> found, int depth)
    {
        if (depth > 8 || !_members.TryGetValue(id, out var element))
        {
            return;
        }

        foreach (var exception in element.Elements("exception"))
        {
            var cref = (string?)exception.Attribute("cref");
            if (cref is not null && cref.StartsWith("T:", StringComparison.Ordinal))
            {
                found.Add(cref[2..]);
            }
        }

        if (element.Element("inheritdoc") is not { } inherit)
        {
            return;
        }

        if ((string?)inherit.Attribute("cref") is { } target)
        {
            Collect(null, target, found, depth + 1);
            return;
        }

        if (member is MethodInfo method)
        {
            foreach (var inherited in Inherited(method))
            {
                Collect(inherited, Id(inherited), found, depth + 1);
            }
        }
    }

    /// <summary>The interface members <paramref name="method"/> implements and the member it overrides.</summary>
    private static IEnumerable<MethodInfo> Inherited(MethodInfo method)
    {
        var type = method.DeclaringType!;
        if (!type.IsInterface)
        {
            foreach (var contract in type.GetInterfaces())
            {
                var map = type.GetInterfaceMap(contract);
                for (var i = 0; i < map.TargetMethods.Length; i++)
                {
                    if (map.TargetMethods[i] == method)
                    {
                        yield return map.InterfaceMethods[i];
                    }
                }
            }
        }

        var baseDefinition = method.GetBaseDefinition();
        if (baseDefinition != method)
        {
            yield return baseDefinition;
        }
    }

    /// <summary>The documentation id of a method or constructor (ECMA-334 annex D), e.g.
    /// <c>M:Billing.Core.Monetary.Money.#ctor(System.Decimal,Billing.Core.Monetary.Currency)</c>.</summary>
    public static string Id(MethodBase member)
    {
        // Ids are written for the open definitions of generic types and methods.
        var type = member.DeclaringType!;
        if (type.IsGenericType && !type.IsGenericTypeDefinition)
        {
            member = type.GetGenericTypeDefinition().GetMembers(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static)
                .OfType<MethodBase>()
                .Single(m => m.MetadataToken == member.MetadataToken);
            type = member.DeclaringType!;
        }

        if (member is MethodInfo { IsGenericMethod: true } generic)
        {
            member = generic.GetGenericMethodDefinition();
        }

        var id = new StringBuilder("M:").Append(TypeName(type)).Append('.');
        id.Append(member.IsConstructor ? (member.IsStatic ? "#cctor" : "#ctor") : member.Name);
        if (member is MethodInfo { IsGenericMethodDefinition: true } definition)
        {
            id.Append("``").Append(definition.GetGenericArguments().Length);
        }

        var parameters = member.GetParameters();
        if (parameters.Length > 0)
        {
            id.Append('(').AppendJoin(',', parameters.Select(p => TypeName(p.ParameterType))).Append(')');
        }

        if (member is MethodInfo { Name: "op_Implicit" or "op_Explicit" } conversion)
        {
            id.Append('~').Append(TypeName(conversion.ReturnType));
        }

        return id.ToString();
    }

    private static string TypeName(Type type)
    {
        if (type.IsByRef)
        {
            return TypeName(type.GetElementType()!) + "@";
        }

        if (type.IsPointer)
        {
            return TypeName(type.GetElementType()!) + "*";
        }

        if (type.IsArray)
        {
            var rank = type.GetArrayRank();
            return TypeName(type.GetElementType()!) + (rank == 1 ? "[]" : "[" + string.Join(",", Enumerable.Repeat("0:", rank)) + "]");
        }

        if (type.IsGenericParameter)
        {
            return (type.DeclaringMethod is null ? "`" : "``") + type.GenericParameterPosition;
        }

        var name = type.IsNested ? TypeName(type.DeclaringType!) + "." + type.Name : type.Namespace + "." + type.Name;
        if (type.IsGenericType && !type.IsGenericTypeDefinition)
        {
            var tick = name.LastIndexOf('`');
            name = (tick < 0 ? name : name[..tick]) + "{" + string.Join(",", type.GetGenericArguments().Select(TypeName)) + "}";
        }

        return name;
    }
}
