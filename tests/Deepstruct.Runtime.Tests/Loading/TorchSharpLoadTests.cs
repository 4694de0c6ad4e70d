using TorchSharp;
using Xunit;

namespace Deepstruct.Runtime.Tests.Loading;

public class TorchSharpLoadTests
{
    [Fact]
    public void Native_backend_loads_and_computes()
    {
        using var a = torch.arange(6, dtype: torch.float32).reshape(2, 3);
        using var product = torch.matmul(a, a.T);

        Assert.Equal(new long[] { 2, 2 }, product.shape);
        Assert.Equal(50f, product[1, 1].item<float>()); // 3·3 + 4·4 + 5·5
    }
}
