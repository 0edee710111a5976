// The packet-import tests share the packet component tests' workspace fixture (DOM- and Node-free).
export { RegistryDb, captureHost, databaseNames, fixtureWorkspace, forgeManifests } from '../../component/packet/workspace-fixture.ts';
