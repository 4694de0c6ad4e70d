namespace Deepstruct.Generators.Diagnostics;

/// <summary>The messages of DS3002: a user's member, a class or a model collides with a generated member.</summary>
internal static class MemberCollisionMessages
{
    public static string UserMember(string className, string member) =>
        "The class '" + className + "' declares '" + member + "', which the model's generated code also declares; rename or remove it";

    // A member may not have its enclosing class's name (CS0542), and the generated members' names are fixed.
    public static string ClassName(string className) =>
        "The class '" + className + "' has the name of a member its model's generated code declares, and a member cannot be named like its class; rename the class";

    public static string ModelName(string modelName) =>
        "The model '" + modelName + "' has the name of a member its generated class declares, and a member cannot be named like its class; rename the model";
}
