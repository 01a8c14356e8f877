using Wenjin.Server;

var app = WenjinServer.Create(args);
await app.RunAsync();
