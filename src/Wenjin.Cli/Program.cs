using System.Text;
using Wenjin.Cli;

Console.OutputEncoding = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);
return await WenjinCommandLine.Build().Parse(args).InvokeAsync();
