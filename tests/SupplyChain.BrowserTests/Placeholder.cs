namespace SupplyChain.BrowserTests;
