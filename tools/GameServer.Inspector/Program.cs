using GameServer.Inspector;

return InspectorApp.Run(args, Console.Out, Console.Error);
